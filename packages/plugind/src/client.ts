import type { JobEvent } from './pipeline/jobs.js';

export type ProgressEvent = JobEvent;

interface MarketListItem {
  namespace: string;
  name: string;
  installed_version: string | null;
  versions: { version: string; upgradable: boolean }[];
}

/** A small client of the plugind REST API (used by plugind-cli; fetch + SSE, no dependencies). */
export class PlugindClient {
  constructor(private readonly base: string, private readonly token: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: { 'x-auth-token': this.token, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new Error(`cannot reach plugind at ${this.base}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}`);
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!res.ok) throw new Error(`${String(json.error_id ?? res.status)}: ${String(json.message ?? res.statusText)}`);
    return json as T;
  }

  install(body: { method: string; options: Record<string, unknown> }, reinstall = false) {
    return this.call<{ uuid: string }>('POST', `/0.2/plugins${reinstall ? '?reinstall=true' : ''}`, body);
  }
  uninstall(namespace: string, name: string, cascade = false) {
    return this.call<{ uuid: string }>('DELETE', `/0.2/plugins/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}${cascade ? '?cascade=true' : ''}`);
  }
  list() {
    return this.call<{ items: { namespace: string; name: string; version: string }[]; total: number }>('GET', '/0.2/plugins');
  }
  market(query: Record<string, string>) {
    return this.call<{ items: MarketListItem[]; total: number; filtered: number }>('GET', `/0.2/market?${new URLSearchParams(query)}`);
  }
  marketGet(namespace: string, name: string) {
    return this.call<Record<string, unknown>>('GET', `/0.2/market/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`);
  }
  job(uuid: string) {
    return this.call<Record<string, unknown>>('GET', `/0.2/jobs/${encodeURIComponent(uuid)}`);
  }

  /** Reads the job's SSE stream, calling `onEvent` for it and its dependency jobs; resolves with the job's last event. */
  async follow(uuid: string, onEvent: (e: ProgressEvent) => void): Promise<ProgressEvent> {
    const res = await fetch(`${this.base}/0.2/jobs/${encodeURIComponent(uuid)}/events`, { headers: { 'x-auth-token': this.token } });
    if (!res.ok || !res.body) throw new Error(`cannot follow job ${uuid}: HTTP ${res.status}`);
    let buffer = '';
    let last: ProgressEvent | undefined;
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (!data) continue;
        const e = JSON.parse(data) as ProgressEvent;
        onEvent(e);
        if (e.uuid === uuid) last = e;
      }
    }
    if (!last || (last.status !== 'completed' && last.status !== 'error')) throw new Error(`the event stream of job ${uuid} ended early`);
    return last;
  }
}
