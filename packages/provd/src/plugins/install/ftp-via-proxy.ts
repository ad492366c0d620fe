/**
 * An ftp:// download through the `ftp_proxy` parameter: an HTTP proxy that fetches FTP URLs
 * (Squid and most web proxies do), asked with the absolute URI as in `GET ftp://host/file
 * HTTP/1.1`. undici only sends http(s) URIs, hence node:http. Credentials of the proxy URL go in
 * Proxy-Authorization; FTP credentials stay in the requested URI, where such proxies read them.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

export interface ProxiedResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: Readable & { dump(): Promise<void> };
}

export function getThroughProxy(proxy: string, target: URL, headers: Record<string, string>, timeoutMs: number, signal?: AbortSignal): Promise<ProxiedResponse> {
  const via = new URL(/^[a-z]+:\/\//i.test(proxy) ? proxy : `http://${proxy}`);
  if (via.protocol !== 'http:') return Promise.reject(new Error(`ftp_proxy must be an http:// proxy, not ${via.protocol}`));
  const proxyAuth = via.username ? { 'proxy-authorization': `Basic ${Buffer.from(`${decodeURIComponent(via.username)}:${decodeURIComponent(via.password)}`).toString('base64')}` } : {};
  return new Promise((resolve, reject) => {
    const req = request({ host: via.hostname, port: via.port || 80, method: 'GET', path: target.href, headers: { ...headers, ...proxyAuth, host: target.host }, timeout: timeoutMs, signal });
    req.once('response', (res) => {
      res.setTimeout(timeoutMs, () => res.destroy(new Error(`no data for ${timeoutMs} ms`)));
      const body = Object.assign(res, {
        dump: () =>
          new Promise<void>((done) => {
            res.once('end', done).once('error', () => done()).once('close', done);
            res.resume();
          }),
      });
      resolve({ statusCode: res.statusCode ?? 502, headers: res.headers, body });
    });
    req.once('timeout', () => req.destroy(new Error(`the proxy did not answer within ${timeoutMs} ms`)));
    req.once('error', reject);
    req.end();
  });
}
