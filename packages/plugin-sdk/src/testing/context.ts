import type { Device } from '../device.js';
import type { GeneralConfig, PluginContext, PluginLogger, SipNotifyTarget, SyncCapability } from '../plugin.js';
import type { DhcpProvRequest, HttpProvRequest, TftpProvRequest } from '../requests.js';
import { sdk } from '../sdk.js';
import { createMemoryFileSink, type MemoryFileSink } from './memory-sink.js';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly obj: object;
  readonly msg?: string;
}

export interface RecordingLogger extends PluginLogger {
  readonly entries: LogEntry[];
}

export function createRecordingLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface RecordingSync extends SyncCapability {
  readonly notifies: Array<{ target: SipNotifyTarget; event: string }>;
}

export function createRecordingSync(): RecordingSync {
  const notifies: RecordingSync['notifies'] = [];
  return {
    notifies,
    async sipNotify(target, event) {
      notifies.push({ target, event });
    },
  };
}

export interface TestContextOptions {
  readonly dir: string;
  readonly id?: string;
  readonly general?: GeneralConfig;
  readonly pluginConfig?: Record<string, unknown>;
  /** Lend a SIP NOTIFY capability (recorded) or not (default: recorded). */
  readonly sync?: SyncCapability | false;
}

export interface TestContext {
  readonly ctx: PluginContext;
  readonly files: MemoryFileSink;
  readonly log: RecordingLogger;
  readonly sync: RecordingSync | null;
}

/** A PluginContext like the host's, with an in-memory sink, a recording logger and recorded NOTIFYs. */
export function createTestContext(options: TestContextOptions): TestContext {
  const files = createMemoryFileSink();
  const log = createRecordingLogger();
  const sync = options.sync === undefined ? createRecordingSync() : null;
  const ctx: PluginContext = {
    id: options.id ?? 'test-plugin',
    dir: options.dir,
    log,
    files,
    general: Object.freeze({ httpBaseUrl: 'http://10.0.0.1:8667', httpPort: 8667, tftpPort: 69, ip: '10.0.0.1', ...options.general }),
    pluginConfig: Object.freeze({ ...options.pluginConfig }),
    sdk,
    sync: options.sync === false ? undefined : (options.sync ?? sync ?? undefined),
  };
  return { ctx, files, log, sync };
}

let deviceCounter = 0;

export function makeDevice(fields: Partial<Device> = {}): Device {
  return { id: fields.id ?? `device-${++deviceCounter}`, ...fields };
}

export function httpRequest(path: string, options: { method?: string; headers?: Record<string, string>; clientIp?: string; query?: string } = {}): HttpProvRequest {
  const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return { kind: 'http', method: options.method ?? 'GET', path, query: options.query ?? '', headers, clientIp: options.clientIp ?? '10.0.0.100' };
}

export function tftpRequest(filename: string, options: { clientIp?: string; mode?: string; options?: Record<string, string> } = {}): TftpProvRequest {
  return { kind: 'tftp', filename, mode: options.mode ?? 'octet', options: options.options ?? {}, clientIp: options.clientIp ?? '10.0.0.100' };
}

export function dhcpRequest(options: { mac: string; ip?: string; vendorClass?: string; options?: Record<number, string> }): DhcpProvRequest {
  const opts: Record<number, string> = { ...options.options };
  if (options.vendorClass !== undefined) opts[60] = options.vendorClass;
  return { kind: 'dhcp', mac: sdk.mac.normalizeMac(options.mac), ip: options.ip ?? '10.0.0.100', options: opts };
}
