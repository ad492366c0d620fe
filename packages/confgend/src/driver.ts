/**
 * The driver contract. A driver is a class: confgend constructs it with `{ config, templates, logger }`
 * (the merged configuration, a Jinja2 template helper, a child logger) and calls `generate()`, which
 * returns the file's content as a string or a promise of one. One instance per generation, so a
 * driver never serves data it read at start-up.
 */
import type { Logger } from 'pino';
import type { ConfgendConfig } from './config/config.js';
import type { TemplateHelper } from './templates.js';

export interface DriverContext {
  /** The whole merged configuration (config.yml + conf.d), as the reference passes it. */
  readonly config: ConfgendConfig;
  /** Templates with the administrator override folder first, then the driver's own folder. */
  readonly templates: TemplateHelper;
  /** Bound to the driver's name and file. */
  readonly logger: Logger;
  /** Aborted when generation times out or the service closes; pass it to fetch(). */
  readonly signal: AbortSignal;
}

export interface Driver {
  generate(): string | Promise<string>;
}

export type DriverClass = new (context: DriverContext) => Driver;

/** True for a class whose instances have a generate() method. */
export function isDriverClass(value: unknown): value is DriverClass {
  return typeof value === 'function' && typeof (value as { prototype?: { generate?: unknown } }).prototype?.generate === 'function';
}
