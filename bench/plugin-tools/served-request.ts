// The CPU one served request costs provd on this machine, measured in this run: the reference
// the identification cost of the families is compared with (bench/http's serving phase, shorter).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProvdClient } from '@dialtone/provd-client';
import { cpuSeconds, ensureBinaries, startProvd } from '../http/processes.js';
import { configuredDevice, UA } from '../http/serving.js';
import { runWrk } from '../http/wrk.js';

/** µs of provd CPU (all threads) per request for a known phone's generated file, wrk -c64. */
export async function servedRequestCpuUs(seconds = 4): Promise<number> {
  ensureBinaries({ wrk: 'wrk' });
  const tmp = mkdtempSync(join(tmpdir(), 'bench-served-'));
  const provd = await startProvd();
  try {
    const device = await configuredDevice(new ProvdClient({ url: provd.rest, token: provd.token }), provd);
    const load = { url: provd.http + device.path, connections: 64, threads: 1, headers: { 'User-Agent': UA } };
    await runWrk(tmp, { ...load, seconds: 1 });
    const before = cpuSeconds(provd.process.pid!);
    const result = await runWrk(tmp, { ...load, seconds });
    if (result.errors) throw new Error(`served-request reference: ${result.errors} errors`);
    return ((cpuSeconds(provd.process.pid!) - before) * 1e6) / result.requests;
  } finally {
    await provd.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
