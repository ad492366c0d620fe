import type { FastifyPluginAsync } from 'fastify';
import { normalizeIp, normalizeMac } from '../documents/index.js';
import { errors, isProvdError } from '../errors.js';
import { decodeDhcpOptions } from '../identify/dhcp-options.js';
import type { ApiDeps } from './context.js';
import { bodyMember } from './media.js';
import { schemas } from './schemas.js';
import { scopeOf } from './tenancy.js';

/**
 * `/dev_mgr/dhcpinfo` (what a DHCP server hook reports about a lease, reference §3) and
 * `/dev_mgr/reconfigure`.
 */
export function dhcpRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.post('/dhcpinfo', { config: { acl: 'provd.dev_mgr.dhcpinfo.create' }, schema: { body: schemas.dhcpBody, response: { 204: schemas.noContent } } }, async (request, reply) => {
      const info = bodyMember(request, 'dhcp_info') as Record<string, unknown>;
      const op = info.op;
      if (op === 'expiry' || op === 'release') {
        // the reference ignores these; Dialtone takes the address off the device that held it
        const mac = typeof info.mac === 'string' ? normalizeMac(info.mac) : null;
        const ip = typeof info.ip === 'string' ? normalizeIp(info.ip) : null;
        if (info.mac !== undefined && !mac) throw errors.badRequest(`dhcp_info.mac: invalid MAC address ${JSON.stringify(info.mac)}`);
        if (info.ip !== undefined && !ip) throw errors.badRequest(`dhcp_info.ip: invalid IP address ${JSON.stringify(info.ip)}`);
        if (mac && ip) deps.dhcpEnded?.({ op, ip, mac });
        return reply.code(204).send();
      }
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

    /**
     * 204 once the device was reconfigured, or when configuring it failed (the reason is in the
     * device's `configure_error`, as the reference only logs it); 400 for an unknown device or
     * one of another tenant (as the reference).
     */
    app.post('/reconfigure', { config: { acl: 'provd.dev_mgr.reconfigure.create' }, schema: { body: schemas.idBody, response: { 204: schemas.noContent } } }, async (request, reply) => {
      const id = bodyMember(request, 'id') as string;
      try {
        await deps.reconfigure(scopeOf(request), id);
      } catch (err) {
        if (isProvdError(err, errors.notFound.code)) throw errors.badRequest(`cannot reconfigure device ${JSON.stringify(id)}: ${err.message}`);
        request.log.warn({ device: id, err: (err as Error).message }, 'reconfigure: device not configured');
      }
      return reply.code(204).send();
    });
  };
}
