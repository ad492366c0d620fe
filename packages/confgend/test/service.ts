/** Starts a confgend on loopback ports for a test, closed by t.after. */
import type { TestContext } from 'node:test';
import { resolveConfig } from '../src/config/config.js';
import { createConfgend, type Confgend, type ListenAddresses } from '../src/service.js';
import type { DriverDeclaration } from '../src/discovery.js';

export interface Running {
  confgend: Confgend;
  addresses: ListenAddresses;
  base: string;
  get(path: string): Promise<Response>;
}

export async function startConfgend(t: TestContext, configDir: string, settings: Record<string, unknown> = {}, builtins?: DriverDeclaration[]): Promise<Running> {
  const config = resolveConfig({ configDir, settings: { 'http.port': 0, 'tcp.port': 0, 'log.level': 'silent', 'drivers.node_modules': [], ...settings } });
  const confgend = createConfgend({ config, tcpPortRequired: true, ...(builtins ? { builtins } : {}) });
  const addresses = await confgend.listen();
  t.after(() => confgend.close());
  const base = `http://127.0.0.1:${addresses.http.port}`;
  return { confgend, addresses, base, get: (path) => fetch(`${base}${path}`) };
}
