import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { HttpProvRequest } from '@dialtone/plugin-sdk';
import type { GeneratedFiles } from '../files/generated-files.js';
import type { Identification, Identifier } from '../identify/pipeline.js';
import { clientIpOf } from './client-ip.js';
import { certificateNamesMac } from './client-certificate.js';
import { supportsCredentials, type DeviceCredentials } from './device-credentials.js';
import { limitConnections, type ConnectionLimits, type ConnectionStats } from './connection-limits.js';
import { readFormBody, type FormBody } from './form-post.js';
import { GuessLimiter, type GuessLimits } from './guess-limiter.js';
import { parseRange } from './range.js';
import { routeToFile, type Routed } from './route.js';
import { resolveStaticFile, type StaticFile } from './safe-path.js';

export interface HttpProvisioningOptions {
  identifier: Identifier;
  files: GeneratedFiles;
  trustedProxies: number;
  log: Logger;
  security: Logger;
  limits: ConnectionLimits;
  /** Per-source limit on requests for files nobody has; null: unlimited. */
  guesses: GuessLimits | null;
  /**
   * http_auth_strategy url_key: the tenant holding a provisioning key (undefined: unknown key).
   * Paths are then `/<key>/<file>`; an unknown key is a 404, and so is a device that belongs to
   * another tenant than the key's (unclaimed devices, still in `provdTenant`, are served).
   */
  urlKey?: { tenantOf(key: string): string | undefined; provdTenant: string };
  /**
   * Per-device provisioning credentials (http.device_credentials): for devices whose family
   * supports them, a request with the device's credentials is served wherever it comes from, and
   * once the phone has used them (`enroll`), requests without them get 401.
   */
  credentials?: { creds: DeviceCredentials; enroll(deviceId: string): void } | null;
  /**
   * An HTTPS provisioning port besides the HTTP one (listenTls). With `ca`, clients must present
   * a certificate issued by it (mutual TLS); a certificate naming a device's MAC authenticates
   * requests for that device's files.
   */
  tls?: { key: Buffer; cert: Buffer; ca: Buffer | null } | null;
}

export interface HttpProvisioningServer {
  listen(host: string, port: number): Promise<AddressInfo>;
  /** Opens the HTTPS port (only with the `tls` option). */
  listenTls(host: string, port: number): Promise<AddressInfo>;
  /** Until called, every request gets 503 with Retry-After (plugins are still loading). */
  setReady(): void;
  connections(): ConnectionStats;
  close(): Promise<void>;
}

const STARTING_RETRY_AFTER_S = 2;

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers = req.headers;
  // only set-cookie comes as a list in a request; any other repeated header is already joined
  if (headers['set-cookie'] === undefined) return headers as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function joinQuery(query: string, form: string): string {
  return form === '' ? query : query === '' ? form : `${query}&${form}`;
}

function plain(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(message) });
  res.end(message);
}

interface Outcome {
  status: number;
  device?: string;
  plugin?: string;
  file?: string;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** The answer to an identified, routed request. */
type Answerable = Exclude<Routed, { kind: 'static' }> | ({ kind: 'file'; name: string } & StaticFile);

function answer(req: IncomingMessage, res: ServerResponse, path: string, ident: Identification, routed: Answerable): Outcome {
  const device = ident.device?.id;
  const plugin = ident.plugin?.id;
  if (routed.kind === 'refused') {
    plain(res, routed.status, routed.reason);
    return { status: routed.status, device, plugin, file: path };
  }
  return { status: send(req, res, routed, req.method === 'HEAD'), device, plugin, file: routed.name };
}

/** A routed request whose file may still have to be found on disk. */
function answerRouted(req: IncomingMessage, res: ServerResponse, path: string, ident: Identification, routed: Routed): Outcome | Promise<Outcome> {
  if (routed.kind !== 'static') return answer(req, res, path, ident, routed);
  return resolveStaticFile(routed.root, routed.name).then((file) =>
    answer(req, res, path, ident, file ? { kind: 'file', name: routed.name, ...file } : { kind: 'refused', status: 404, reason: 'Not found' }),
  );
}

function logRequest(log: Logger, req: IncomingMessage, outcome: Outcome, started: number): void {
  if (log.isLevelEnabled('info')) {
    log.info({ client: req.socket.remoteAddress, ...outcome, ms: Math.round((performance.now() - started) * 100) / 100 }, 'http request');
  }
}

function failRequest(log: Logger, req: IncomingMessage, res: ServerResponse, err: unknown): void {
  log.error({ err, url: req.url }, 'http request failed');
  if (!res.headersSent) plain(res, 500, 'Internal processing error');
  else res.destroy();
}

/**
 * The HTTP provisioning server: every GET/HEAD (and url-encoded form POST) is identified, routed to the device's plugin
 * and answered from its generated files (memory) or static files (disk, with Range and ETag).
 * One structured log line per request. A known phone fetching a generated file is what phones
 * do all day: that path makes no store query and as few promises and closures as it can.
 */
export function createHttpProvisioningServer(opts: HttpProvisioningOptions): HttpProvisioningServer {
  let ready = false;
  const guesses = opts.guesses ? new GuessLimiter(opts.guesses) : null;

  function handle(req: IncomingMessage, res: ServerResponse, clientIp: string): Outcome | Promise<Outcome> {
    if (!ready) {
      res.setHeader('retry-after', STARTING_RETRY_AFTER_S);
      plain(res, 503, 'provd is starting, try again shortly');
      return { status: 503 };
    }
    const blockedMs = guesses?.blockedFor(clientIp) ?? 0;
    if (blockedMs > 0) {
      res.setHeader('retry-after', Math.ceil(blockedMs / 1000));
      plain(res, 429, 'Too many requests for unknown files from this address');
      return { status: 429 };
    }
    const method = req.method ?? 'GET';
    if (method === 'POST') {
      const form = readFormBody(req);
      const answer = (body: FormBody): Outcome | Promise<Outcome> => {
        if (!body.ok) {
          plain(res, body.status, body.message);
          return { status: body.status };
        }
        return identifyAndRoute(req, res, method, clientIp, body.query);
      };
      return isPromise(form) ? form.then(answer) : answer(form);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD, POST');
      plain(res, 405, 'Method not allowed');
      return { status: 405 };
    }
    return identifyAndRoute(req, res, method, clientIp, '');
  }

  /** `form`: a POSTed url-encoded form, read as if it followed the URL's query. */
  function identifyAndRoute(req: IncomingMessage, res: ServerResponse, method: string, clientIp: string, form: string): Outcome | Promise<Outcome> {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      plain(res, 400, 'Malformed path');
      return { status: 400 };
    }
    let keyTenant: string | undefined;
    if (opts.urlKey) {
      const slash = path.indexOf('/', 1);
      keyTenant = slash > 1 ? opts.urlKey.tenantOf(path.slice(1, slash)) : undefined;
      if (keyTenant === undefined) {
        plain(res, 404, 'Not found');
        return { status: 404 };
      }
      path = path.slice(slash);
    }
    const request: HttpProvRequest = {
      kind: 'http',
      method,
      path,
      query: joinQuery(queryAt < 0 ? '' : url.slice(queryAt + 1).split('?')[0]!, form),
      headers: headersOf(req),
      clientIp,
    };
    const identified = opts.identifier.identifyNow(request);
    if (isPromise(identified)) return identified.then((ident) => route(req, res, path, ident, keyTenant));
    return route(req, res, path, identified, keyTenant);
  }

  function route(req: IncomingMessage, res: ServerResponse, path: string, ident: Identification, keyTenant?: string): Outcome | Promise<Outcome> {
    if (keyTenant !== undefined) {
      const tenant = ident.device?.tenant_uuid;
      if (tenant !== undefined && tenant !== keyTenant && tenant !== opts.urlKey!.provdTenant) {
        opts.security.warn({ client: req.socket.remoteAddress, device: ident.device?.id, path }, 'provisioning key of another tenant');
        plain(res, 404, 'Not found');
        return { status: 404, device: ident.device?.id, file: path };
      }
    }
    const auth = authenticate(req, ident);
    if (auth === 'refused') {
      res.setHeader('www-authenticate', opts.credentials ? opts.credentials.creds.challenges() : 'Basic realm="provd", charset="UTF-8"');
      plain(res, 401, 'Authentication required');
      return { status: 401, device: ident.device?.id, plugin: ident.plugin?.id, file: path };
    }
    return answerRouted(req, res, path, ident, routeToFile(ident, 'http', path, opts.files, opts.security, auth === 'authenticated'));
  }

  const enrolling = new Set<string>();
  const wrongCredentials = { count: 0, loggedAt: -Infinity };

  /** The device's credentials, when its family supports them: required once the phone has used them. */
  function authenticate(req: IncomingMessage, ident: Identification): 'authenticated' | 'refused' | 'anonymous' {
    const { device, plugin } = ident;
    if (device?.mac && certificateNamesMac(req.socket, device.mac)) return 'authenticated';
    if (!opts.credentials || !device || !plugin || !supportsCredentials(plugin.info)) return 'anonymous';
    const verdict = opts.credentials.creds.check(req.headers.authorization, device.id, req.method, req.url);
    if (verdict === 'valid') {
      if (device.provisioning_enrolled !== true && !enrolling.has(device.id)) {
        enrolling.add(device.id);
        opts.credentials.enroll(device.id);
        setTimeout(() => enrolling.delete(device.id), 5000).unref();
      }
      return 'authenticated';
    }
    if (verdict === 'invalid') {
      // (at most a line a second, with the count since the last: retries must not flood the log)
      wrongCredentials.count++;
      const now = performance.now();
      if (now - wrongCredentials.loggedAt >= 1000) {
        opts.security.warn({ client: req.socket.remoteAddress, device: device.id, refused: wrongCredentials.count }, `Wrong provisioning credentials for device ${device.id}`);
        wrongCredentials.loggedAt = now;
        wrongCredentials.count = 0;
      }
      return 'refused';
    }
    // a phone sends its credentials only when challenged: challenge the enrolled ones
    return device.provisioning_enrolled === true ? 'refused' : 'anonymous';
  }

  function done(req: IncomingMessage, clientIp: string, outcome: Outcome, started: number): void {
    logRequest(opts.log, req, outcome, started);
    if ((outcome.status === 404 || outcome.status === 401) && guesses?.recordMiss(clientIp, outcome.file ?? req.url ?? '')) {
      opts.security.warn({ client: clientIp, file: outcome.file }, 'too many requests for unknown files: source blocked');
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const clientIp = clientIpOf(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for'], opts.trustedProxies);
    let outcome: Outcome | Promise<Outcome>;
    try {
      outcome = handle(req, res, clientIp);
    } catch (err) {
      return failRequest(opts.log, req, res, err);
    }
    if (isPromise(outcome)) {
      outcome.then(
        (o) => done(req, clientIp, o, started),
        (err) => failRequest(opts.log, req, res, err),
      );
    } else {
      done(req, clientIp, outcome, started);
    }
  };
  const server: Server = createServer(onRequest);
  const tlsServer = opts.tls
    ? // (an https.Server has the http.Server's timeouts and events)
      (createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert, ...(opts.tls.ca ? { ca: opts.tls.ca, requestCert: true, rejectUnauthorized: true } : {}) }, onRequest) as unknown as Server)
    : null;
  let refusalsLogged = 0;
  const onRefused = (source: string, reason: string) => {
    // one line per 1,000 refusals: a flood must not also flood the log
    if (refusalsLogged++ % 1000 === 0) opts.security.warn({ client: source, reason, refused: refusalsLogged }, 'http connection refused: limit reached');
  };
  const connections = limitConnections(server, opts.limits, onRefused);
  for (const s of tlsServer ? [server, tlsServer] : [server]) s.keepAliveTimeout = 5000;
  if (tlsServer) limitConnections(tlsServer, opts.limits, onRefused);
  const listenOn = (s: Server, host: string, port: number) =>
    new Promise<AddressInfo>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, host, () => {
        s.off('error', reject);
        resolve(s.address() as AddressInfo);
      });
    });
  const closeServer = (s: Server) =>
    new Promise<void>((resolve) => {
      if (!s.listening) return resolve();
      s.close(() => resolve());
      s.closeAllConnections();
    });

  return {
    listen: (host, port) => listenOn(server, host, port),
    listenTls: (host, port) => (tlsServer ? listenOn(tlsServer, host, port) : Promise.reject(new Error('no TLS configured for the provisioning port'))),
    setReady: () => {
      ready = true;
    },
    connections,
    close: async () => {
      await Promise.all([closeServer(server), ...(tlsServer ? [closeServer(tlsServer)] : [])]);
    },
  };
}

function send(req: IncomingMessage, res: ServerResponse, routed: Exclude<Answerable, { kind: 'refused' }>, headOnly: boolean): number {
  const size = routed.kind === 'generated' ? routed.content.length : routed.size;
  const etag = routed.kind === 'generated' ? routed.etag : `W/"${size.toString(16)}-${Math.floor(routed.mtimeMs).toString(16)}"`;
  const headers: Record<string, string | number> = { etag, 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream' };
  if (routed.kind === 'file') headers['last-modified'] = new Date(routed.mtimeMs).toUTCString();
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return 304;
  }
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'content-range': `bytes */${size}` });
    res.end();
    return 416;
  }
  const [start, end] = range ?? [0, size - 1];
  const status = range ? 206 : 200;
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  headers['content-length'] = size === 0 ? 0 : end - start + 1;
  res.writeHead(status, headers);
  if (headOnly || size === 0) {
    res.end();
  } else if (routed.kind === 'generated') {
    res.end(range ? routed.content.subarray(start, end + 1) : routed.content);
  } else {
    createReadStream(routed.path, { start, end }).on('error', () => res.destroy()).pipe(res);
  }
  return status;
}
