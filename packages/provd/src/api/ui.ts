/**
 * The web administration page at /ui/ (static files; the data comes from the API with the user's
 * token). The files carry no data, so they need no token; a strict CSP keeps the page to itself.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { loadUiAssets, type UiAsset } from '@dialtone/provd-ui';

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export function uiRoutes(): FastifyPluginAsync {
  let assets: Promise<Map<string, UiAsset>> | undefined;
  const send = async (request: FastifyRequest, reply: FastifyReply, name: string) => {
    const asset = (await (assets ??= loadUiAssets())).get(name);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send(`no such page file: ${name}`);
    reply.headers(SECURITY_HEADERS).header('etag', asset.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.code(200).type(asset.type).send(gzip ? asset.gzip : asset.body);
  };
  // the page's files carry no data: public (acl false); every API call it makes is authenticated
  return async (app) => {
    app.get('/ui', { config: { acl: false } }, async (_request, reply) => reply.redirect('ui/', 301));
    app.get('/ui/', { config: { acl: false } }, async (request, reply) => send(request, reply, 'index.html'));
    app.get<{ Params: { file: string } }>('/ui/:file', { config: { acl: false } }, async (request, reply) => send(request, reply, request.params.file));
  };
}
