import type { FastifyInstance } from 'fastify';
import { normalizeIp, normalizeMac } from '../documents/index.js';
import { errors } from '../errors.js';
import { decodeDhcpOptions } from '../identify/dhcp-options.js';
import type { ApiDeps } from './context.js';
import { bodyMember } from './media.js';

/** `POST /dev_mgr/dhcpinfo`: what a DHCP server hook reports about a lease (reference §3). */
export function registerDhcpRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/0.2/dev_mgr/dhcpinfo', async (request, reply) => {
    const info = bodyMember(request, 'dhcp_info') as Record<string, unknown> | null;
    if (info === null || typeof info !== 'object' || Array.isArray(info)) throw errors.badRequest('dhcp_info: expected an object');
    const op = info.op;
    if (op === 'expiry' || op === 'release') return reply.code(204).send();
    if (op !== 'commit') throw errors.badRequest(`dhcp_info.op: expected commit, expiry or release, got ${JSON.stringify(op)}`);
    if (info.mac === undefined) throw errors.badRequest('dhcp_info.mac: required for a commit');
    if (info.options === undefined) throw errors.badRequest('dhcp_info.options: required for a commit');
    const mac = typeof info.mac === 'string' ? normalizeMac(info.mac) : null;
    if (!mac) throw errors.badRequest(`dhcp_info.mac: invalid MAC address ${JSON.stringify(info.mac)}`);
    const ip = typeof info.ip === 'string' ? normalizeIp(info.ip) : null;
    if (!ip) throw errors.badRequest(`dhcp_info.ip: invalid IP address ${JSON.stringify(info.ip)}`);
    const options = decodeDhcpOptions(info.options);
    deps.dhcpCommitted({ kind: 'dhcp', ip, mac, options });
    return reply.code(204).send();
  });

  app.post('/0.2/dev_mgr/reconfigure', async (request, reply) => {
    const id = bodyMember(request, 'id');
    if (typeof id !== 'string') throw errors.badRequest('id: expected a device id');
    try {
      await deps.reconfigure(deps.scopeOf(request), id);
    } catch (err) {
      throw errors.badRequest(`cannot reconfigure device ${JSON.stringify(id)}: ${(err as Error).message}`);
    }
    return reply.code(204).send();
  });
}
