/**
 * HTTP/1.1 requests over node:http(s) with one keep-alive agent per client. Not `fetch`: on the
 * 2-core machine provd runs on, fetch with a timeout signal cost the caller about 0.6 ms of CPU
 * more per request than this (bench/rest), as much as provd spends answering a device create.
 */
import http from 'node:http';
import https from 'node:https';
import { ProvdConnectionError } from './errors.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

function headersOf(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  return headers;
}

export class HttpTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });

  async send(request: HttpRequest): Promise<HttpAnswer> {
    try {
      return await this.once(request);
    } catch (err) {
      // a kept-alive socket the server closed meanwhile: the request never reached it
      if ((err as { reusedSocket?: boolean }).reusedSocket) return this.once(request);
      throw err;
    }
  }

  /** Closes idle connections (the process exits without it too: idle sockets are unreferenced). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private once({ method, url, headers, body, timeoutMs }: HttpRequest): Promise<HttpAnswer> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') return Promise.reject(new ProvdConnectionError(method, url, `unsupported protocol ${target.protocol}`));
    const outgoing: Record<string, string | number> = { ...headers };
    if (body !== undefined) outgoing['content-length'] = Buffer.byteLength(body);
    return new Promise<HttpAnswer>((resolve, reject) => {
      const req = (secure ? https : http).request(target, { method, headers: outgoing, agent: secure ? this.httpsAgent : this.httpAgent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (err) => reject(new ProvdConnectionError(method, url, err.message, err)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: headersOf(res.rawHeaders), text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => {
        const failure = new ProvdConnectionError(method, url, err.code ?? err.message, err);
        // retried once by send() when nothing of the answer came back on a reused socket
        if (req.reusedSocket && err.code === 'ECONNRESET') Object.assign(failure, { reusedSocket: true });
        reject(failure);
      });
      req.end(body);
    });
  }
}
