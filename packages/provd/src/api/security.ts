import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../errors.js';

export interface SecurityOptions {
  /** Origins allowed to call the API from a browser (exact match, e.g. https://admin.example.com). */
  corsOrigins: readonly string[];
  /** Host names accepted in the Host header besides IP addresses and localhost; `*`: any. */
  allowedHosts: readonly string[];
}

/** The host name of a Host header (without port; IPv6 without brackets). */
export function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') === -1 ? undefined : host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return (colon === -1 ? host : host.slice(0, colon)).toLowerCase();
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

const CORS_METHODS = 'GET, HEAD, POST, PUT, DELETE, OPTIONS';
const CORS_HEADERS = 'Content-Type, Accept, X-Auth-Token, Wazo-Tenant';

/**
 * Browser-facing defences (DNS rebinding, cross-site requests):
 * - the Host header must be an IP address, `localhost` or a configured name (else 403), so a
 *   page served from a rebinding name cannot reach the API;
 * - a request carrying an Origin must come from the same origin or an allowed one (else 403);
 * - CORS headers are sent only to allowed origins (none by default).
 */
export function registerSecurity(app: FastifyInstance, options: SecurityOptions): void {
  const anyHost = options.allowedHosts.includes('*');
  const hosts = new Set(['localhost', ...options.allowedHosts.map((h) => h.toLowerCase())]);
  const origins = new Set(options.corsOrigins);
  const corsAllowed = (request: FastifyRequest): string | null => {
    const origin = request.headers.origin;
    return typeof origin === 'string' && origins.has(origin) ? origin : null;
  };

  // callback hooks, not async ones: they never wait, and a promise per hook per request is not free
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      checkHostAndOrigin(request);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });

  const checkHostAndOrigin = (request: FastifyRequest): void => {
    const host = request.headers.host;
    if (host !== undefined && !anyHost) {
      const name = hostName(host);
      if (!isIP(name) && !hosts.has(name)) throw errors.hostNotAllowed(`Host ${JSON.stringify(host)} is not an address or name this API answers to (rest_api.allowed_hosts)`);
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !corsAllowed(request)) {
      const sameOrigin = host !== undefined && originHost(origin) === host.toLowerCase();
      if (!sameOrigin) throw errors.originNotAllowed(`Origin ${JSON.stringify(origin)} is not allowed (rest_api.cors_origins)`);
    }
  };

  app.addHook('onSend', (request, reply, payload, done) => {
    const origin = corsAllowed(request);
    if (origin) {
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
      reply.header('access-control-allow-methods', CORS_METHODS);
      reply.header('access-control-allow-headers', CORS_HEADERS);
      reply.header('access-control-expose-headers', 'Location, Dialtone-Error-Code');
    }
    done(null, payload);
  });
}
