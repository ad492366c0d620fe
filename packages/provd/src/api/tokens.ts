/**
 * `/0.2/tokens`: the built-in token store over REST, for `provd-cli tokens` (an addition: the
 * reference delegates tokens to wazo-auth). ACLs `provd.tokens.read|create|delete`, which only
 * the administrator token (`provd.#`) holds by default. A caller can only hand out ACLs its own
 * token grants, and only for tenants it can see. Secrets are shown once, at creation.
 */
import { aclAllows, authErrors, isValidAcl, parseExpiry, type TokenStore } from '@dialtone/auth';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { errors } from '../errors.js';
import type { ApiDeps } from './context.js';
import { bodyMember, sendJson } from './media.js';
import { schemas } from './schemas.js';

const TOKEN_SUMMARY = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    acl: { type: 'array', items: { type: 'string' } },
    tenant_uuid: { type: 'string' },
    label: { type: 'string' },
    created_at: { type: 'string' },
    expires_at: { type: ['string', 'null'] },
  },
  required: ['id', 'acl', 'tenant_uuid', 'label', 'created_at', 'expires_at'],
} as const;

const TOKEN_LIST = { type: 'object', properties: { tokens: { type: 'array', items: TOKEN_SUMMARY } }, required: ['tokens'] } as const;
const TOKEN_CREATED = {
  type: 'object',
  properties: { token: { ...TOKEN_SUMMARY, properties: { ...TOKEN_SUMMARY.properties, token: { type: 'string', description: 'the secret, shown this once' } }, required: [...TOKEN_SUMMARY.required, 'token'] } },
  required: ['token'],
} as const;

interface TokenSpec {
  acl?: unknown;
  expires?: unknown;
  label?: unknown;
  tenant_uuid?: unknown;
}

function visible(request: FastifyRequest, tenant: string): boolean {
  const seen = request.identity?.visible;
  return seen === null || seen === undefined ? true : seen.includes(tenant);
}

export function tokenRoutes(deps: ApiDeps): FastifyPluginAsync {
  const store = (): TokenStore => {
    if (!deps.tokens) throw errors.notFound('tokens are managed by the external authentication service (rest_api.auth.backend is not builtin)');
    return deps.tokens;
  };
  return async (app) => {
    app.get('/', { config: { acl: 'provd.tokens.read' }, schema: { response: { 200: TOKEN_LIST } } }, async (request, reply) => {
      const tokens = (await store().list()).filter((t) => visible(request, t.tenant_uuid));
      return sendJson(reply, 200, { tokens });
    });

    app.post('/', { config: { acl: 'provd.tokens.create' }, schema: { response: { 201: TOKEN_CREATED } } }, async (request, reply) => {
      const spec = bodyMember(request, 'token') as TokenSpec;
      if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw errors.badRequest('"token" must be an object {acl, expires, label, tenant_uuid}');
      if (!Array.isArray(spec.acl) || spec.acl.some((a) => typeof a !== 'string')) throw errors.badRequest('token.acl must be a list of ACL strings');
      const invalid = (spec.acl as string[]).filter((a) => !isValidAcl(a));
      if (invalid.length) throw authErrors.badTokenSpec(`acl: invalid ACL ${invalid.map((a) => JSON.stringify(a)).join(', ')}`);
      const identity = request.identity!;
      // no escalation: every ACL granted must be one the caller's own token grants (denials are free)
      const beyond = (spec.acl as string[]).filter((a) => !a.startsWith('!') && !aclAllows(identity.acl, a));
      if (beyond.length) throw authErrors.forbidden(`the token may not grant what the caller's token does not: ${beyond.join(', ')}`);
      const tenant = spec.tenant_uuid === undefined ? identity.tenant : spec.tenant_uuid;
      if (typeof tenant !== 'string' || !visible(request, tenant)) throw authErrors.forbidden(`tenant ${JSON.stringify(tenant)} is not visible to the caller`);
      if (spec.label !== undefined && typeof spec.label !== 'string') throw errors.badRequest('token.label must be a string');
      let expiresIn: number | null = null;
      if (typeof spec.expires === 'number') expiresIn = spec.expires;
      else if (typeof spec.expires === 'string') expiresIn = parseExpiry(spec.expires);
      else if (spec.expires !== undefined && spec.expires !== null) throw errors.badRequest('token.expires must be seconds, a duration such as 12h, "never" or null');
      const { token, record } = await store().create({ acl: spec.acl as string[], tenant_uuid: tenant, label: (spec.label as string | undefined) ?? '', expiresIn });
      request.log.info({ token_id: record.id, acl: record.acl, tenant: record.tenant_uuid }, 'token created');
      return sendJson(reply, 201, { token: { ...record, token } });
    });

    app.delete<{ Params: { id: string } }>('/:id', { config: { acl: 'provd.tokens.delete' }, schema: { response: { 204: schemas.noContent } } }, async (request, reply) => {
      const found = (await store().list()).find((t) => t.id === request.params.id);
      if (!found || !visible(request, found.tenant_uuid)) throw errors.notFound(`no token with id ${JSON.stringify(request.params.id)}`);
      await store().revoke(found.id);
      request.log.info({ token_id: found.id }, 'token revoked');
      return reply.code(204).send();
    });
  };
}
