/**
 * Serving one file: select its driver, run it (a fresh instance, bounded by driver_timeout_ms,
 * one generation at a time per file), cache good output, fall back to the last good output —
 * flagged stale with the reason — when the driver fails. Empty output is never cached.
 */
import type { Logger } from 'pino';
import type { FileCache } from './cache.js';
import type { ConfgendConfig } from './config/config.js';
import type { DriverDeclaration } from './discovery.js';
import { errors, isConfgendError, type ConfgendError } from './errors.js';
import { fileKey, filePath, type FileName } from './names.js';
import { driverLabel, type Registry } from './registry.js';
import { createTemplateHelper, type TemplateHelper } from './templates.js';

export type CacheMode = 'generate' | 'cached' | 'invalidate';

export interface FileAnswer {
  readonly content: string;
  /** UTF-8 of content when the cache has it. */
  readonly bytes?: Buffer;
  readonly driver: string;
  /** `hit`: served from the cache; `miss`: generated now; `stale`: last good output after a failure. */
  readonly cache: 'hit' | 'miss' | 'stale';
  readonly generatedAt: Date;
  /** Set when stale: why the driver's output could not be used. */
  readonly staleReason?: string;
  readonly staleCode?: string;
}

export interface Generator {
  /** null for `invalidate`. Throws a ConfgendError when there is nothing to serve. */
  get(file: FileName, mode: CacheMode): Promise<FileAnswer | null>;
  close(): void;
}

interface Flight {
  readonly promise: Promise<string>;
  readonly deadline: number;
}

export function createGenerator(config: ConfgendConfig, registry: Registry, cache: FileCache, log: Logger): Generator {
  const helpers = new Map<DriverDeclaration, TemplateHelper>();
  const flights = new Map<string, Flight>();
  const closing = new AbortController();
  const timeoutMs = config.driver_timeout_ms;

  const helperFor = (d: DriverDeclaration) => {
    let helper = helpers.get(d);
    if (!helper) {
      helper = createTemplateHelper({ overrideDir: config.templates.dir, driverDirs: d.templatesDir ? [d.templatesDir] : [] });
      helpers.set(d, helper);
    }
    return helper;
  };

  const run = async (file: FileName, d: DriverDeclaration, signal: AbortSignal): Promise<string> => {
    const cls = await registry.load(d);
    let content: unknown;
    try {
      const driver = new cls({ config, templates: helperFor(d), logger: log.child({ driver: d.name, file: fileKey(file) }), signal });
      content = await driver.generate();
    } catch (err) {
      if (isConfgendError(err)) throw err;
      throw errors.driverFailed(`${driverLabel(d)} failed: ${(err as Error)?.message ?? String(err)}`, { driver: d.name, cause: err });
    }
    if (typeof content !== 'string') throw errors.driverFailed(`${driverLabel(d)} returned ${content === null ? 'null' : typeof content}, not a string`, { driver: d.name });
    return content;
  };

  /** One generation per file at a time; a late result is still cached. */
  const flight = (file: FileName, d: DriverDeclaration): Flight => {
    const key = filePath(file);
    const existing = flights.get(key);
    if (existing) return existing;
    const controller = new AbortController();
    const onClose = () => controller.abort(closing.signal.reason);
    closing.signal.addEventListener('abort', onClose, { once: true });
    const started = Date.now();
    const promise = run(file, d, controller.signal).then(async (content) => {
      // Stored before anyone is answered, so a `cached` request that follows finds it.
      if (content.length > 0) await cache.store(file, { content, bytes: Buffer.from(content), generatedAt: new Date() }).catch((err: Error) => log.warn({ file: key, err: err.message }, 'cache write failed'));
      return content;
    });
    const entry: Flight = { promise, deadline: started + timeoutMs };
    flights.set(key, entry);
    // A driver that ignores its abort signal blocks new generations of its file for one more period at most.
    const release = setTimeout(() => {
      controller.abort(new Error('timed out'));
      setTimeout(() => flights.get(key) === entry && flights.delete(key), timeoutMs).unref();
    }, timeoutMs);
    release.unref();
    const settle = () => {
      clearTimeout(release);
      closing.signal.removeEventListener('abort', onClose);
      if (flights.get(key) === entry) flights.delete(key);
    };
    promise.then(settle, settle);
    return entry;
  };

  const wait = (f: Flight, d: DriverDeclaration): Promise<string> => {
    const remaining = f.deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(errors.driverTimeout(`${driverLabel(d)} did not answer within ${timeoutMs} ms`, { driver: d.name })), Math.max(0, remaining));
    });
    return Promise.race([f.promise, timeout]).finally(() => clearTimeout(timer));
  };

  const fallback = async (file: FileName, d: DriverDeclaration, reason: ConfgendError): Promise<FileAnswer> => {
    const good = await cache.lastGood(file);
    if (!good) throw reason;
    log.warn({ file: filePath(file), driver: d.name, code: reason.code, err: reason.message }, 'serving the last good output');
    return { content: good.content, bytes: good.bytes, driver: d.name, cache: 'stale', generatedAt: good.generatedAt, staleReason: reason.message, staleCode: reason.code };
  };

  return {
    async get(file, mode) {
      if (mode === 'invalidate') {
        await cache.invalidate(file);
        return null;
      }
      const d = registry.select(file);
      if (mode === 'cached') {
        const hit = await cache.current(file);
        if (hit) return { content: hit.content, bytes: hit.bytes, driver: d.name, cache: 'hit', generatedAt: hit.generatedAt };
      }
      let content: string;
      try {
        content = await wait(flight(file, d), d);
      } catch (err) {
        const e = isConfgendError(err) ? err : errors.driverFailed(`${driverLabel(d)} failed: ${(err as Error).message}`, { driver: d.name });
        log.error({ file: filePath(file), driver: d.name, code: e.code, err: e.message }, 'generation failed');
        return fallback(file, d, e);
      }
      if (content.length === 0) {
        const good = await cache.lastGood(file);
        if (good) return fallback(file, d, errors.driverFailed(`${driverLabel(d)} returned an empty file`, { driver: d.name }));
      }
      return { content, driver: d.name, cache: 'miss', generatedAt: new Date() };
    },
    close() {
      closing.abort(new Error('confgend is closing'));
    },
  };
}
