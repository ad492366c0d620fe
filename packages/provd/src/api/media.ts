import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseOrderedJson } from '@dialtone/jinja';
import { errors } from '../errors.js';
import { firstDifference } from './reply-check.js';

export const PROVD_MEDIA_TYPE = 'application/vnd.proformatique.provd+json';

function mediaTypeOf(header: string | undefined): string | undefined {
  return header?.split(';')[0].trim().toLowerCase();
}

function accepts(header: string | undefined): boolean {
  if (!header) return true;
  return header.split(',').some((part) => {
    const type = mediaTypeOf(part);
    return type === PROVD_MEDIA_TYPE || type === '*/*' || type === 'application/*';
  });
}

/**
 * The media type rules of the reference API: request bodies must be the provd media type
 * (else 415), and an Accept header must allow it (else 406). JSON is parsed here so a
 * malformed body gets a 400 that says so. An empty body is no body, whatever its Content-Type
 * (the official client sends DELETE with the provd type and nothing else).
 */
export function registerMediaType(app: FastifyInstance, exempt: (request: FastifyRequest) => boolean = () => false): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(PROVD_MEDIA_TYPE, { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, parseOrderedJson(text));
    } catch (err) {
      done(errors.badRequest(`malformed JSON body: ${(err as Error).message}`), undefined);
    }
  });
  app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
  // a callback hook: it never waits (an async one costs a promise per request)
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.method === 'OPTIONS' || exempt(request)) return done();
    if (!accepts(request.headers.accept)) return done(errors.notAcceptable(`Accept must allow ${PROVD_MEDIA_TYPE}`));
    const hasBody = request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0';
    const chunked = request.headers['transfer-encoding'] !== undefined;
    if ((hasBody || chunked) && mediaTypeOf(request.headers['content-type']) !== PROVD_MEDIA_TYPE) {
      return done(errors.unsupportedMediaType(`Content-Type must be ${PROVD_MEDIA_TYPE}`));
    }
    done();
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Replies are compared with what their schema let through (tests; see sendJson). */
    checkReplies: boolean;
  }
}

/**
 * A JSON reply, written by the serializer compiled from the route's response schema for this
 * status (fast-json-stringify): fields the schema does not declare are left out. A route that
 * declares no schema for the status cannot reply. With `checkReplies` (outside production), a
 * reply the schema would change (a field dropped, a type coerced) is a 500 DT_ERR_REPLY_SCHEMA
 * naming the field, so every test exercising a route also checks its schema.
 */
export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  const { method, url } = reply.request.routeOptions;
  const responses = reply.request.routeOptions.schema?.response as Record<string, unknown> | undefined;
  if (!responses?.[status]) throw errors.replySchema(`${method} ${url} declares no response schema for ${status}`);
  reply.code(status);
  const text = reply.serialize(body) as string;
  if (reply.server.checkReplies) {
    const difference = firstDifference(JSON.parse(JSON.stringify(body)), JSON.parse(text));
    if (difference) throw errors.replySchema(`${method} ${url} → ${status}: the reply does not match its schema: ${difference}`);
  }
  // A Buffer keeps Fastify from appending `; charset=utf-8`: the reference type is exact.
  return reply.type(PROVD_MEDIA_TYPE).send(Buffer.from(text));
}

/**
 * A path-only Location from the API version segment on (`/0.2/…`), without any mount prefix:
 * the official client keeps what follows the third `/` of a Location.
 */
export function locationOf(request: FastifyRequest, ...segments: string[]): string {
  const path = request.url.split('?')[0].replace(/\/$/, '');
  const at = path.search(/\/0\.2(\/|$)/);
  const base = at === -1 ? path : path.slice(at);
  return [base, ...segments.map((s) => encodeURIComponent(s))].join('/');
}

/** 201 with the new resource's id and its Location, as the reference does. */
export function sendCreated(request: FastifyRequest, reply: FastifyReply, id: string): FastifyReply {
  reply.header('location', locationOf(request, id));
  return sendJson(reply, 201, { id });
}

/** The JSON body of a request, which must be an object holding `key`. */
export function bodyMember(request: FastifyRequest, key: string): unknown {
  const body = request.body;
  if (body === undefined) throw errors.badRequest(`missing request body: expected {"${key}": …}`);
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !(key in body)) {
    throw errors.badRequest(`request body must be an object with a "${key}" member`);
  }
  return (body as Record<string, unknown>)[key];
}
