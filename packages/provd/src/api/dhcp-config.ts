import type { FastifyInstance } from 'fastify';
import { DHCP_SERVER_KINDS, type DhcpServerKind } from '../dhcp/index.js';
import { errors } from '../errors.js';
import type { ApiDeps } from './context.js';

const TYPES: Record<DhcpServerKind, string> = { isc: 'text/plain; charset=utf-8', kea: 'application/json', dnsmasq: 'text/plain; charset=utf-8' };

/**
 * `GET /dhcp_mgr/config/{isc,kea,dnsmasq}`: the DHCP server configuration (vendor classes and the
 * provisioning URL option) for the plugins installed now. A Dialtone addition to the reference API.
 */
export function registerDhcpConfigRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/0.2/dhcp_mgr', async (_req, reply) =>
    reply.code(200).type('application/vnd.proformatique.provd+json').send(Buffer.from(JSON.stringify({ links: DHCP_SERVER_KINDS.map((kind) => ({ rel: `dhcp.config.${kind}`, href: `/0.2/dhcp_mgr/config/${kind}` })) }))),
  );
  app.get<{ Params: { server: string } }>('/0.2/dhcp_mgr/config/:server', { config: { acl: 'provd.dhcp_mgr.config.read' } }, async (request, reply) => {
    const kind = request.params.server as DhcpServerKind;
    if (!DHCP_SERVER_KINDS.includes(kind)) throw errors.notFound(`no DHCP server "${request.params.server}": expected one of ${DHCP_SERVER_KINDS.join(', ')}`);
    return reply.code(200).type(TYPES[kind]).send(await deps.dhcpConfig(kind));
  });
}
