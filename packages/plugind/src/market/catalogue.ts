import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { errors } from '../errors.js';

/** One version of a market entry, in the reference format. */
export interface MarketVersion {
  version: string;
  method?: string;
  options?: Record<string, unknown>;
  min_wazo_version?: string;
  max_wazo_version?: string;
  [extra: string]: unknown;
}

/** One market entry: `{namespace, name, display_name, …, versions: [...]}`. */
export interface MarketItem {
  namespace: string;
  name: string;
  versions: MarketVersion[];
  [extra: string]: unknown;
}

export interface MarketOptions {
  /** `http(s)://…` (the JSON document), `file:///…` or a plain path. Unset: an empty market. */
  url?: string;
  /** How long a fetched catalogue is reused (ms). */
  ttlMs: number;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface Market {
  items(): Promise<MarketItem[]>;
  find(namespace: string, name: string): Promise<MarketItem | undefined>;
  /** Drops the cached catalogue. */
  invalidate(): void;
}

function check(doc: unknown): MarketItem[] {
  const items = (doc as { items?: unknown })?.items;
  if (!Array.isArray(items)) throw errors.marketUnavailable('the market answered a document without an items list');
  return items.filter(
    (i): i is MarketItem =>
      typeof i === 'object' && i !== null && typeof (i as MarketItem).namespace === 'string' && typeof (i as MarketItem).name === 'string',
  ).map((i) => ({ ...i, versions: Array.isArray(i.versions) ? i.versions.filter((v) => typeof v?.version === 'string') : [] }));
}

/** The market catalogue, fetched over HTTP(S) or read from a file, cached for `ttlMs`. */
export function createMarket(opts: MarketOptions): Market {
  let cached: { at: number; items: MarketItem[] } | undefined;
  let inflight: Promise<MarketItem[]> | undefined;
  const maxBytes = opts.maxBytes ?? 32 * 1024 * 1024;

  const fetchAll = async (): Promise<MarketItem[]> => {
    const url = opts.url;
    if (!url) return [];
    let text: string;
    if (/^https?:\/\//.test(url)) {
      let res: Response;
      try {
        res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000), headers: { accept: 'application/json' } });
      } catch (err) {
        throw errors.marketUnavailable(`the market at ${url} cannot be reached: ${(err as Error).message}`);
      }
      if (!res.ok) throw errors.marketUnavailable(`the market at ${url} answered HTTP ${res.status}`);
      text = await res.text();
    } else {
      const path = url.startsWith('file:') ? fileURLToPath(url) : url;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        throw errors.marketUnavailable(`the market file ${path} cannot be read: ${(err as Error).message}`);
      }
    }
    if (text.length > maxBytes) throw errors.marketUnavailable('the market catalogue is too large');
    try {
      return check(JSON.parse(text));
    } catch (err) {
      if ((err as { code?: string }).code) throw err;
      throw errors.marketUnavailable(`the market answered invalid JSON: ${(err as Error).message}`);
    }
  };

  const items = async () => {
    if (cached && Date.now() - cached.at < opts.ttlMs) return cached.items;
    inflight ??= fetchAll()
      .then((list) => {
        cached = { at: Date.now(), items: list };
        return list;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };
  return {
    items,
    async find(namespace, name) {
      return (await items()).find((i) => i.namespace === namespace && i.name === name);
    },
    invalidate() {
      cached = undefined;
    },
  };
}
