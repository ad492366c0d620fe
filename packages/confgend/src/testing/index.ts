/**
 * @dialtone/confgend/testing: what a driver author needs to test a driver without a running
 * confgend — a driver context built the way confgend builds it, and the contract check every
 * driver must pass (constructs from the context, generate() gives a non-empty string, a second
 * generation from a new instance gives the same file when the data did not change).
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { resolveConfig } from '../config/config.js';
import { isDriverClass, type DriverClass, type DriverContext } from '../driver.js';
import { createTemplateHelper } from '../templates.js';

export interface TestContextOptions {
  /** Settings over the defaults (dotted keys, or whole mappings such as `provd_network`). */
  readonly settings?: Record<string, unknown>;
  /** The driver's own template folders. */
  readonly templatesDirs?: readonly string[];
  /** Administrator override folder (default: an empty temporary folder). */
  readonly overrideDir?: string;
  readonly signal?: AbortSignal;
}

export interface TestDriverContext extends DriverContext {
  /** Removes the temporary configuration folder. */
  dispose(): void;
}

export function createTestContext(options: TestContextOptions = {}): TestDriverContext {
  const dir = mkdtempSync(join(tmpdir(), 'confgend-driver-test-'));
  mkdirSync(join(dir, 'conf.d'));
  const config = resolveConfig({ configDir: dir, settings: { 'log.level': 'silent', 'drivers.node_modules': [], ...options.settings } });
  return {
    config,
    templates: createTemplateHelper({ overrideDir: options.overrideDir ?? join(dir, 'templates'), driverDirs: options.templatesDirs ?? [] }),
    logger: pino({ level: 'silent' }),
    signal: options.signal ?? new AbortController().signal,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Throws with the reason when `cls` breaks the driver contract; returns the generated file. */
export async function checkDriverContract(cls: unknown, context: DriverContext): Promise<string> {
  if (!isDriverClass(cls)) throw new Error('not a class with a generate() method');
  const first = await new (cls as DriverClass)(context).generate();
  if (typeof first !== 'string') throw new Error(`generate() returned ${typeof first}, not a string`);
  if (first.length === 0) throw new Error('generate() returned an empty file (confgend never caches one)');
  const second = await new (cls as DriverClass)(context).generate();
  if (second !== first) throw new Error('two instances generated different files from the same data (a timestamp or random value in the output?)');
  return first;
}
