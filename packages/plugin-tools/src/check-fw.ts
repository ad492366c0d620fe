/**
 * `dialtone-plugin check-fw`: downloads every firmware file pkgs.db declares (per build target)
 * and checks its size and sha1sum; with `fill`, writes the measured values into the source
 * pkgs.db instead (temp + rename). Progress goes to a callback.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePkgsDb } from '@dialtone/plugin-sdk';
import { ToolError, ToolErrorCode, type Finding } from './errors.js';
import { writeAtomic } from './plugins-db.js';
import { readSource, substitute } from './source.js';

export interface FirmwareCheck {
  readonly target: string;
  readonly file: string;
  readonly url: string;
  readonly declared: { readonly size: number; readonly sha1sum: string };
  readonly actual: { readonly size: number; readonly sha1sum: string } | null;
  /** Why there is no `actual`: an empty URL (a file put in var/cache by hand). */
  readonly skipped?: string;
  readonly ok: boolean;
}

export interface CheckFwOptions {
  readonly fill?: boolean;
  /** Called as bytes arrive (at most every `progressMs`, and once at the end of each file). */
  readonly progress?: (p: { file: string; url: string; received: number; total: number | null; done: boolean }) => void;
  readonly progressMs?: number;
}

export async function download(url: string, file: string, options: CheckFwOptions): Promise<{ size: number; sha1sum: string }> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow' });
  } catch (err) {
    throw new ToolError(ToolErrorCode.DOWNLOAD_FAILED, `${file}: cannot download ${url}: ${(err as Error).message}`, [], { cause: err });
  }
  if (!res.ok || !res.body) throw new ToolError(ToolErrorCode.DOWNLOAD_FAILED, `${file}: GET ${url}: HTTP ${res.status}`);
  const total = Number(res.headers.get('content-length') ?? NaN);
  const hash = createHash('sha1');
  let received = 0;
  let last = 0;
  const every = options.progressMs ?? 500;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    received += chunk.length;
    const now = Date.now();
    if (options.progress && now - last >= every) {
      last = now;
      options.progress({ file, url, received, total: Number.isFinite(total) ? total : null, done: false });
    }
  }
  options.progress?.({ file, url, received, total: Number.isFinite(total) ? total : null, done: true });
  return { size: received, sha1sum: hash.digest('hex') };
}

/** Where `[section] key` sits in a text: the line index, or -1. */
function keyLine(lines: string[], section: string, key: string): number {
  const start = lines.findIndex((l) => l.trim() === `[${section}]`);
  if (start === -1) return -1;
  for (let i = start + 1; i < lines.length && !/^\s*\[/.test(lines[i]); i++) {
    if (new RegExp(`^${key}\\s*[:=]`, 'i').test(lines[i])) return i;
  }
  return -1;
}

export async function checkFirmware(sourceDir: string, options: CheckFwOptions = {}): Promise<FirmwareCheck[]> {
  const source = await readSource(sourceDir);
  const pkgFiles = [...source.files.keys()].filter((p) => /^pkgs\/[^/]+$/.test(p));
  const results: FirmwareCheck[] = [];
  const edits = new Map<string, Map<number, string>>();
  const findings: Finding[] = [];
  for (const target of source.targets) {
    const values = { id: target.id, ...(target.firmware === undefined ? {} : { firmware: target.firmware }), ...target.params };
    const docs = pkgFiles.map((p) => ({ source: p, text: substitute(source.files.get(p)!.toString('utf8'), p, values, findings) }));
    if (findings.length > 0) break;
    let db;
    try {
      db = parsePkgsDb(docs);
    } catch (err) {
      if (options.fill && (err as { problems?: Array<{ where: string }> }).problems?.every((p) => / (size|sha1sum)$/.test(p.where))) {
        db = null;
      } else throw err;
    }
    // with fill, size/sha1sum may be placeholders still: read the URLs from the raw sections
    const files = db ? Object.values(db.files).map((f) => ({ id: f.id, url: f.url, size: f.size, sha1sum: f.sha1sum })) : rawFiles(docs);
    for (const f of files) {
      if (f.url === '') {
        results.push({ target: target.id, file: f.id, url: '', declared: { size: f.size, sha1sum: f.sha1sum }, actual: null, skipped: 'empty URL: the file is put in var/cache by hand', ok: true });
        continue;
      }
      const actual = await download(f.url, `file_${f.id}`, options);
      results.push({ target: target.id, file: f.id, url: f.url, declared: { size: f.size, sha1sum: f.sha1sum }, actual, ok: actual.size === f.size && actual.sha1sum === f.sha1sum });
      if (!options.fill) continue;
      for (const p of pkgFiles) {
        const lines = source.files.get(p)!.toString('utf8').split('\n');
        for (const [key, value] of [['size', String(actual.size)], ['sha1sum', actual.sha1sum]] as const) {
          const i = keyLine(lines, `file_${f.id}`, key);
          if (i === -1) continue;
          if (lines[i].includes('@@')) {
            findings.push({ file: p, line: i + 1, field: `[file_${f.id}] ${key}`, message: 'is a build parameter: fill it in build.yml' });
            continue;
          }
          const edit = edits.get(p) ?? new Map<number, string>();
          const line = `${key}: ${value}`;
          if (edit.has(i) && edit.get(i) !== line) findings.push({ file: p, line: i + 1, field: `[file_${f.id}] ${key}`, message: 'differs between build targets: make it a build parameter' });
          edit.set(i, line);
          edits.set(p, edit);
        }
      }
    }
  }
  if (findings.length > 0) throw new ToolError(ToolErrorCode.SOURCE_INVALID, `${sourceDir}: cannot check firmware`, findings);
  for (const [p, edit] of edits) {
    const lines = (await readFile(join(sourceDir, p), 'utf8')).split('\n');
    for (const [i, line] of edit) lines[i] = line;
    await writeAtomic(join(sourceDir, p), lines.join('\n'));
  }
  return results;
}

function rawFiles(docs: Array<{ text: string }>): Array<{ id: string; url: string; size: number; sha1sum: string }> {
  const out = [];
  for (const { text } of docs) {
    for (const m of text.matchAll(/^\[file_([^\]]+)\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/gm)) {
      const body = m[2];
      const get = (k: string) => new RegExp(`^${k}\\s*[:=]\\s*(.*)$`, 'mi').exec(body)?.[1].trim() ?? '';
      out.push({ id: m[1], url: get('url'), size: Number(get('size')) || 0, sha1sum: get('sha1sum') });
    }
  }
  return out;
}
