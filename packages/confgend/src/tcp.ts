/**
 * The reference's line protocol, for old `wazo-confgen` clients: the client sends
 * `<resource>/<filename>[ cached][ invalidate]` (UTF-8, newline optional) and reads the raw file
 * until the server closes. The request ends at a newline, at EOF, or 50 ms after the last byte
 * (old clients send one chunk and wait); it is bounded in size and time. On error the answer is
 * empty, as in the reference (the last good output when there is one), and the error is logged.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from 'pino';
import type { CacheMode, Generator } from './generator.js';
import { parseFilePath } from './names.js';

const MAX_REQUEST = 1024;
const IDLE_MS = 50;
const READ_TIMEOUT_MS = 5000;

export interface LineRequest {
  readonly path: string;
  readonly mode: CacheMode;
}

/** `asterisk/sip.conf  cached\n` → {asterisk/sip.conf, cached}; unknown words are ignored like the reference. */
export function parseLineRequest(text: string): LineRequest {
  const words = text.replace(/[\r\n]/g, ' ').split(' ').filter(Boolean);
  if (words.length === 0) throw new Error('empty request');
  const mode: CacheMode = words.includes('invalidate') ? 'invalidate' : words.includes('cached') ? 'cached' : 'generate';
  return { path: words[0], mode };
}

export function createLineServer(generator: Generator, log: Logger): Server {
  const server = createServer({ allowHalfOpen: true }, (socket: Socket) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    let idle: NodeJS.Timeout | undefined;
    socket.setTimeout(READ_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => undefined);
    const answer = async () => {
      if (done) return;
      done = true;
      clearTimeout(idle);
      const raw = Buffer.concat(chunks);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(raw.subarray(0, raw.indexOf(10) >= 0 ? raw.indexOf(10) : raw.length));
      } catch {
        log.warn({ peer: socket.remoteAddress }, 'line protocol: request is not UTF-8');
        return socket.end();
      }
      try {
        const request = parseLineRequest(text);
        const result = await generator.get(parseFilePath(request.path), request.mode);
        if (result?.cache === 'stale') log.warn({ file: request.path, reason: result.staleReason }, 'line protocol: served a stale file');
        socket.end(result?.content ?? '');
      } catch (err) {
        log.error({ request: text, err: (err as Error).message, code: (err as { code?: string }).code }, 'line protocol: no file');
        socket.end();
      }
    };
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_REQUEST) {
        done = true;
        log.warn({ peer: socket.remoteAddress, size }, 'line protocol: request too long');
        return socket.destroy();
      }
      if (chunk.includes(10)) return void answer();
      clearTimeout(idle);
      idle = setTimeout(() => void answer(), IDLE_MS);
    });
    socket.on('end', () => void answer());
  });
  return server;
}
