// A small client for provd's REST API (provd media type), and a bounded parallel loop.
const MEDIA = 'application/vnd.proformatique.provd+json';

export interface Rest {
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export function restClient(base: string, token: string): Rest {
  return {
    async call(method, path, body) {
      const init: RequestInit = { method, headers: { accept: MEDIA, 'x-auth-token': token } };
      if (body !== undefined) {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] = MEDIA;
      }
      const res = await fetch(base + path, init);
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
      return { status: res.status, body: (text ? JSON.parse(text) : null) as never };
    },
  };
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at a time. */
export async function parallel(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** A MAC for bench phone `i` under a two-byte prefix, as 12 hex digits. */
export function macHex(prefix: number, i: number): string {
  return (prefix * 2 ** 32 + i).toString(16).padStart(12, '0');
}

export function withColons(hex: string): string {
  return hex.match(/../g)!.join(':');
}
