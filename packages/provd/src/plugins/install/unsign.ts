/**
 * Cisco signed images (`unsign` of pkgs.db): the payload is everything from the first gzip
 * header (1f 8b 08) on. Streamed: the file is never held in memory whole.
 */
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname } from 'node:path';
import { installErrors } from './errors.js';

const MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

export async function unsignFile(file: string, out: string): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  const handle = await open(out, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC);
  const sink = createWriteStream('', { fd: handle, highWaterMark: 1024 * 1024 });
  let failure: Error | null = null;
  sink.on('error', (err) => (failure ??= err));
  let found = false;
  let carry = Buffer.alloc(0);
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
      if (failure) throw failure;
      let piece = chunk as Buffer;
      if (!found) {
        // keep the last two bytes: the magic may straddle two chunks
        const window = Buffer.concat([carry, piece]);
        const at = window.indexOf(MAGIC);
        if (at === -1) {
          carry = window.subarray(Math.max(0, window.length - 2));
          continue;
        }
        found = true;
        piece = window.subarray(at);
      }
      if (!sink.write(piece)) await once(sink, 'drain');
    }
    sink.end();
    await once(sink, 'close');
    if (failure) throw failure;
  } catch (err) {
    sink.destroy();
    await rm(out, { force: true });
    throw err;
  }
  if (!found) {
    await rm(out, { force: true });
    throw installErrors.packageInstall(`${basename(file)}: no gzip payload found (not a signed image)`);
  }
}
