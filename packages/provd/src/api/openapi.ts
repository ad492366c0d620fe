import type { FastifyPluginAsync, RouteOptions } from 'fastify';
import { stringify } from 'yaml';
import { PROVD_MEDIA_TYPE } from './media.js';

/** A route as the route table keeps it (what onRoute saw). */
export interface RouteEntry {
  method: string;
  /** Full path in Fastify syntax (`/0.2/dev_mgr/devices/:id`), mount prefix included. */
  url: string;
  acl: string | false | undefined;
  schema: RouteOptions['schema'];
}

/** Collects every route of an app (register before the routes). */
export function routeCollector(table: RouteEntry[]): (route: RouteOptions) => void {
  return (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      table.push({ method, url: route.url, acl: (route.config as { acl?: string | false } | undefined)?.acl, schema: route.schema });
    }
  };
}

type Json = Record<string, unknown>;

function openApiPath(url: string, mount: string): string {
  const path = url.startsWith(mount) ? url.slice(mount.length) : url;
  return (path.replace(/\/$/, '') || '/').replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function parameters(schema: Json | undefined, where: 'path' | 'query'): Json[] {
  const props = (schema?.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema?.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
    ...(s.description ? { description: s.description } : {}),
  }));
}

/** Builds an OpenAPI 3 document from the route table. */
export function buildOpenApi(table: readonly RouteEntry[], mount: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of table) {
    if (route.method === 'HEAD' || route.method === 'OPTIONS') continue;
    if (!route.url.startsWith(`${mount}/0.2`)) continue;
    const path = openApiPath(route.url, mount);
    const schema = (route.schema ?? {}) as Json;
    const responses: Record<string, Json> = {};
    for (const [status, body] of Object.entries((schema.response ?? {}) as Record<string, Json>)) {
      responses[status] = body.type === 'null' ? { description: 'No content' } : { description: 'Success', content: { [PROVD_MEDIA_TYPE]: { schema: body } } };
    }
    if (route.acl !== false) {
      responses['401'] = { description: 'Missing or invalid token, or a Wazo-Tenant the token cannot act for' };
      responses['403'] = { description: 'The token is not granted this route\'s ACL' };
    }
    if (Object.keys(responses).length === 0) responses['200'] = { description: 'Success' };
    const operation: Json = {
      operationId: `${route.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: [...parameters(schema.params as Json | undefined, 'path'), ...parameters(schema.querystring as Json | undefined, 'query')],
      responses,
      ...(route.acl === false ? { security: [] } : { 'x-acl': route.acl ?? null, security: [{ token: [] }] }),
    };
    if (schema.body) operation.requestBody = { required: true, content: { [PROVD_MEDIA_TYPE]: { schema: schema.body } } };
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Dialtone provd REST API', version: '0.2', description: 'Compatible with the wazo-provd REST API (0.2). Every route but this document requires X-Auth-Token.' },
    servers: [{ url: `${mount}/0.2` }],
    paths: Object.fromEntries(Object.entries(paths).map(([p, ops]) => [p.replace(/^\/0\.2/, '') || '/', ops])),
    components: { securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' } } },
  };
}

/** `/0.2/api/api.yml` and `/0.2/api/api.json`: public (no token), like the reference's api.yml. */
export function apiDocRoutes(table: readonly RouteEntry[], mount: string): FastifyPluginAsync {
  return async (app) => {
    let cached: Json | undefined;
    const doc = () => (cached ??= buildOpenApi(table, mount));
    app.get('/api.yml', { config: { acl: false } }, async (_req, reply) => reply.type('application/yaml').send(stringify(doc())));
    app.get('/api.json', { config: { acl: false } }, async (_req, reply) => reply.type('application/json').send(JSON.stringify(doc())));
  };
}
