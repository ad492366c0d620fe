/**
 * Downloads one file for the plugin manager and the package installer: http(s) through undici
 * (with the configured proxies, timeouts, retries and resumption by Range, HTTP basic auth when
 * credentials are given), ftp:// with the small passive-mode client of ftp.ts (resumed with
 * REST) or, when the ftp_proxy parameter is set, through that HTTP proxy, or a local file
 * (`file://` URL or a path). The bytes go to `<dest>.part`, are checked against the expected
 * size and sha1/sha256, and only then renamed to `dest`: `dest` is complete and verified or
 * absent. A `.part` left by an interrupted download is resumed, not restarted.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { ProxyAgent, request, type Dispatcher } from 'undici';
import { installErrors } from './errors.js';
import { FtpError, ftpGet } from './ftp.js';
import { getThroughProxy } from './ftp-via-proxy.js';

export interface Proxies {
  /** `scheme://[user:pass@]host:port` for http:// downloads. */
  readonly http?: string | null;
  /** `host:port` (reference form) or a URL, for https:// downloads. */
  readonly https?: string | null;
  readonly ftp?: string | null;
}

export interface DownloadOptions {
  readonly size?: number;
  readonly sha1?: string;
  readonly sha256?: string;
  readonly proxies?: Proxies;
  /** Connect/headers/idle-body timeout (default 15 s, as the reference). */
  readonly timeoutMs?: number;
  /** Extra attempts after a failed one (default 3). */
  readonly retries?: number;
  readonly userAgent?: string;
  /** Credentials: HTTP basic auth for http(s), the login for ftp (URL credentials win). */
  readonly auth?: { readonly username: string; readonly password: string } | null;
  onProgress?(current: number, end: number | null): void;
  readonly signal?: AbortSignal;
}

const agents = new Map<string, ProxyAgent>();

function proxyFor(url: URL, proxies: Proxies | undefined): Dispatcher | undefined {
  const raw = url.protocol === 'https:' ? proxies?.https : proxies?.http;
  if (!raw) return undefined;
  const uri = /^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`;
  let agent = agents.get(uri);
  if (!agent) agents.set(uri, (agent = new ProxyAgent({ uri })));
  return agent;
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then((s) => s.size, () => 0);
}

async function hashFile(path: string, hashes: Hash[]): Promise<void> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) for (const h of hashes) h.update(chunk as Buffer);
}

class Retryable extends Error {}

/** Downloads `source` to `dest` (see the file comment). Throws DT_ERR_DOWNLOAD or DT_ERR_CHECKSUM_MISMATCH. */
export async function download(source: string, dest: string, options: DownloadOptions = {}): Promise<void> {
  const part = `${dest}.part`;
  const retries = options.retries ?? 3;
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
    try {
      // with ftp_proxy set, an ftp:// URL is asked of that HTTP proxy like an http:// one
      const viaHttp = /^https?:\/\//i.test(source) || (/^ftp:\/\//i.test(source) && !!options.proxies?.ftp);
      const digests = viaHttp
        ? await fetchHttp(new URL(source), part, options)
        : /^ftp:\/\//i.test(source)
          ? await fetchFtp(new URL(source), part, options)
          : await copyLocal(source, part, options);
      await verify(part, options, digests);
      await rename(part, dest);
      return;
    } catch (err) {
      lastError = err;
      if (!(err instanceof Retryable)) throw err;
    }
  }
  throw installErrors.download(`${redact(source)}: ${(lastError as Error).message} (after ${retries + 1} attempts)`, { cause: lastError });
}

function redact(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//***@');
}

interface Digests {
  sha1: Hash;
  sha256: Hash;
}

/** Counts, hashes and reports the bytes flowing to the part file; stops past the expected size. */
function meter(digests: Digests, start: number, end: number | null, options: DownloadOptions): Transform {
  let done = start;
  return new Transform({
    highWaterMark: 1024 * 1024,
    transform(chunk: Buffer, _enc, callback) {
      done += chunk.length;
      if (options.size !== undefined && done > options.size) {
        callback(installErrors.checksumMismatch(`more than the expected ${options.size} bytes`));
        return;
      }
      digests.sha1.update(chunk);
      digests.sha256.update(chunk);
      options.onProgress?.(done, end);
      callback(null, chunk);
    },
  });
}

function newDigests(): Digests {
  return { sha1: createHash('sha1'), sha256: createHash('sha256') };
}

async function copyLocal(source: string, part: string, options: DownloadOptions): Promise<Digests> {
  const path = source.startsWith('file:') ? fileURLToPath(source) : source;
  const total = await stat(path).then((s) => s.size, (err: NodeJS.ErrnoException) => {
    throw installErrors.download(`${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
  const digests = newDigests();
  try {
    await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), meter(digests, 0, total, options), createWriteStream(part, { highWaterMark: 1024 * 1024 }));
  } catch (err) {
    await rm(part, { force: true });
    throw err;
  }
  return digests;
}

async function fetchHttp(url: URL, part: string, options: DownloadOptions): Promise<Digests | null> {
  let have = await sizeOf(part);
  if (options.size !== undefined && have > options.size) {
    await rm(part, { force: true });
    have = 0;
  }
  if (options.size !== undefined && have === options.size && have > 0) return null; // complete: verify decides
  const timeout = options.timeoutMs ?? 15_000;
  const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'dialtone-provd' };
  if (have > 0) headers.range = `bytes=${have}-`;
  if (options.auth) headers.authorization = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
  let response: Pick<Dispatcher.ResponseData<unknown>, 'statusCode' | 'headers'> & { body: Readable & { dump(): Promise<unknown> } };
  try {
    if (url.protocol === 'ftp:') {
      delete headers.authorization;
      const target = new URL(url);
      if (options.auth && !target.username) {
        target.username = encodeURIComponent(options.auth.username);
        target.password = encodeURIComponent(options.auth.password);
      }
      response = await getThroughProxy(options.proxies!.ftp!, target, headers, timeout, options.signal);
    } else {
      response = await request(url, {
        method: 'GET',
        headers,
        dispatcher: proxyFor(url, options.proxies),
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: options.signal,
      });
    }
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new Retryable((err as Error).message);
  }
  const { statusCode, body } = response;
  if (statusCode === 416 && have > 0) {
    // the part is already whole (or the server disagrees): verification decides
    await body.dump();
    return null;
  }
  if (statusCode !== 200 && statusCode !== 206) {
    await body.dump().catch(() => undefined);
    if (statusCode >= 500 || statusCode === 429 || statusCode === 408) throw new Retryable(`HTTP ${statusCode}`);
    if (statusCode === 401 || statusCode === 403) {
      throw installErrors.download(`${redact(url.href)}: HTTP ${statusCode} (${options.auth ? `credentials of ${options.auth.username} refused` : 'the server wants credentials'})`);
    }
    throw installErrors.download(`${redact(url.href)}: HTTP ${statusCode}`);
  }
  const resumed = statusCode === 206 && have > 0;
  const length = Number(response.headers['content-length'] ?? NaN);
  const end = options.size ?? (Number.isFinite(length) ? (resumed ? have : 0) + length : null);
  const digests = newDigests();
  if (resumed) await hashFile(part, [digests.sha1, digests.sha256]);
  try {
    await pipeline(body, meter(digests, resumed ? have : 0, end, options), createWriteStream(part, { flags: resumed ? 'a' : 'w', highWaterMark: 1024 * 1024 }));
  } catch (err) {
    if ((err as { code?: string }).code === 'DT_ERR_CHECKSUM_MISMATCH') {
      await rm(part, { force: true });
      throw installErrors.checksumMismatch(`${redact(url.href)}: ${(err as Error).message}`);
    }
    if (options.signal?.aborted) throw err;
    // a cut connection or an idle body: keep the part, the next attempt resumes it
    throw new Retryable(`transfer interrupted at ${await sizeOf(part)} bytes: ${(err as Error).message}`);
  }
  const done = await sizeOf(part);
  if (options.size !== undefined && done < options.size) throw new Retryable(`truncated: ${done} of ${options.size} bytes`);
  return digests;
}

async function fetchFtp(url: URL, part: string, options: DownloadOptions): Promise<Digests | null> {
  let have = await sizeOf(part);
  if (options.size !== undefined && have > options.size) {
    await rm(part, { force: true });
    have = 0;
  }
  if (options.size !== undefined && have === options.size && have > 0) return null; // complete: verify decides
  const digests = newDigests();
  let resumed = false;
  let end: number | null = options.size ?? null;
  try {
    await ftpGet(
      url,
      async (data) => {
        if (resumed) await hashFile(part, [digests.sha1, digests.sha256]);
        await pipeline(data, meter(digests, resumed ? have : 0, end, options), createWriteStream(part, { flags: resumed ? 'a' : 'w', highWaterMark: 1024 * 1024 }));
      },
      {
        offset: have,
        username: options.auth?.username,
        password: options.auth?.password,
        timeoutMs: options.timeoutMs ?? 15_000,
        onSize: (size) => (end ??= size),
        onResume: (accepted) => (resumed = accepted),
      },
    );
  } catch (err) {
    if ((err as { code?: string }).code === 'DT_ERR_CHECKSUM_MISMATCH') {
      await rm(part, { force: true });
      throw installErrors.checksumMismatch(`${redact(url.href)}: ${(err as Error).message}`);
    }
    if (err instanceof FtpError && !err.transient) throw installErrors.download(`${redact(url.href)}: ${err.message}`);
    throw new Retryable(`${err instanceof FtpError ? '' : `transfer interrupted at ${await sizeOf(part)} bytes: `}${(err as Error).message}`);
  }
  const done = await sizeOf(part);
  if (options.size !== undefined && done < options.size) throw new Retryable(`truncated: ${done} of ${options.size} bytes`);
  return digests;
}

async function verify(part: string, options: DownloadOptions, digests: Digests | null): Promise<void> {
  const size = await sizeOf(part);
  if (options.size !== undefined && size !== options.size) {
    await rm(part, { force: true });
    throw installErrors.checksumMismatch(`size ${size} instead of ${options.size} bytes`);
  }
  if (!digests) {
    digests = newDigests();
    await hashFile(part, [digests.sha1, digests.sha256]);
  }
  const problems: string[] = [];
  const got1 = digests.sha1.digest('hex');
  const got256 = digests.sha256.digest('hex');
  if (options.sha1 && got1 !== options.sha1.toLowerCase()) problems.push(`sha1 ${got1} instead of ${options.sha1}`);
  if (options.sha256 && got256 !== options.sha256.toLowerCase()) problems.push(`sha256 ${got256} instead of ${options.sha256}`);
  if (problems.length) {
    await rm(part, { force: true });
    throw installErrors.checksumMismatch(problems.join('; '));
  }
}

/** Checks a file already present (a cached bundle or package file) against size and checksums. */
export async function verifyFile(file: string, options: Pick<DownloadOptions, 'size' | 'sha1' | 'sha256'>): Promise<boolean> {
  if (options.size !== undefined && (await sizeOf(file)) !== options.size) return false;
  if (!options.sha1 && !options.sha256) return (await sizeOf(file)) > 0 || options.size === 0;
  const sha1 = createHash('sha1');
  const sha256 = createHash('sha256');
  try {
    await hashFile(file, [sha1, sha256]);
  } catch {
    return false;
  }
  return (!options.sha1 || sha1.digest('hex') === options.sha1.toLowerCase()) && (!options.sha256 || sha256.digest('hex') === options.sha256.toLowerCase());
}
