/** Reads a bundle back: bunzip2 through Debian's bzip2, then the ustar entries. */
import { spawn } from 'node:child_process';
import { parsePluginInfo, type PluginInfo } from '@dialtone/plugin-sdk';
import { ToolError, ToolErrorCode } from './errors.js';

export function bunzip2(data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('bzip2', ['-d', '-c'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new ToolError(ToolErrorCode.REPOSITORY_INVALID, 'not a bzip2 file'))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(data);
  });
}

/** Regular files and folders of a ustar archive, in order. */
export function readTar(tar: Buffer): Array<{ path: string; content?: Buffer }> {
  const out: Array<{ path: string; content?: Buffer }> = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const h = tar.subarray(offset, offset + 512);
    if (h.every((b) => b === 0)) break;
    const str = (start: number, len: number) => h.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const name = str(0, 100);
    const prefix = str(345, 155);
    const size = parseInt(str(124, 12).trim() || '0', 8);
    const type = str(156, 1) || '0';
    const path = prefix ? `${prefix}/${name}` : name;
    offset += 512;
    if (type === '5') out.push({ path });
    else if (type === '0') out.push({ path, content: tar.subarray(offset, offset + size) });
    offset += Math.ceil(size / 512) * 512;
  }
  return out;
}

/** The id (top folder) and plugin-info of a bundle. */
export async function readBundleInfo(data: Buffer, name: string): Promise<{ id: string; info: PluginInfo }> {
  const entries = readTar(await bunzip2(data));
  const top = entries[0]?.path.split('/')[0];
  const infoEntry = entries.find((e) => e.path === `${top}/plugin-info`);
  if (!top || !infoEntry?.content) throw new ToolError(ToolErrorCode.REPOSITORY_INVALID, `${name}: not a plugin bundle (no <id>/plugin-info)`);
  return { id: top, info: parsePluginInfo(infoEntry.content.toString('utf8'), `${name}:plugin-info`) };
}
