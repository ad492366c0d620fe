import type { FastifyPluginAsync } from 'fastify';
import { DHCP_SERVER_KINDS, type DhcpServerKind } from '../dhcp/index.js';
import { errors } from '../errors.js';
import type { ApiDeps } from './context.js';
import { sendJson } from './media.js';
import { schemas } from './schemas.js';

const TYPES: Record<DhcpServerKind, string> = { isc: 'text/plain; charset=utf-8', kea: 'application/json', dnsmasq: 'text/plain; charset=utf-8' };

/**
 * `/dhcp_mgr/config/{isc,kea,dnsmasq}`: the DHCP server configuration (vendor classes and the
 * provisioning URL option) for the plugins installed now. A Dialtone addition to the reference API.
 */
export function dhcpConfigRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/', { config: { acl: 'provd.dhcp_mgr.read' }, schema: { response: { 200: schemas.links } } }, async (request, reply) =>
      sendJson(reply, 200, { links: DHCP_SERVER_KINDS.map((kind) => ({ rel: `dhcp.config.${kind}`, href: `${request.url.split('?')[0]?.replace(/\/$/, '')}/config/${kind}` })) }),
    );
    app.get<{ Params: { server: string } }>('/config/:server', { config: { acl: 'provd.dhcp_mgr.config.read' }, schema: { response: { 200: schemas.text } } }, async (request, reply) => {
      const kind = request.params.server as DhcpServerKind;
      if (!DHCP_SERVER_KINDS.includes(kind)) throw errors.notFound(`no DHCP server "${request.params.server}": expected one of ${DHCP_SERVER_KINDS.join(', ')}`);
      return reply.code(200).type(TYPES[kind]).send(await deps.dhcpConfig(kind));
    });
  };
}
