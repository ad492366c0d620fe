/**
 * Golden files: each fixture (`<fixtures>/<name>.json`: `{ description, device, raw }`) is
 * configured through the fake host, and every file it writes is compared byte for byte with
 * `<golden>/<name>/<file>`. The common files (what configureCommon writes when the host starts,
 * from the base raw config) are compared with `<golden>/_common/` the same way, when the plugin
 * writes any or that folder exists. With `update`, the golden folders are rewritten instead.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Device, RawConfig } from '../device.js';
import { createTestHost, type TestHostOptions } from './host.js';

/** The golden folder of the common files (a fixture may not take this name). */
export const COMMON_GOLDEN = '_common';

export interface GoldenFixture {
  readonly name: string;
  readonly description: string;
  readonly device: Device;
  readonly raw: RawConfig;
}

export interface GoldenOutcome {
  readonly fixture: string;
  readonly description: string;
  /** Files the plugin wrote that have no golden file. */
  readonly unexpected: readonly string[];
  /** Golden files the plugin did not write. */
  readonly missing: readonly string[];
  /** Files whose bytes differ, with the first differing line. */
  readonly changed: ReadonlyArray<{ readonly file: string; readonly line: number; readonly want: string; readonly got: string }>;
  /** With `update`: the files written. */
  readonly written: readonly string[];
}

export interface GoldenOptions extends TestHostOptions {
  readonly fixturesDir: string;
  readonly goldenDir: string;
  readonly update?: boolean;
}

/** The fixtures of a folder, sorted by name. A fixture without `device` is an error. */
export async function readGoldenFixtures(dir: string): Promise<GoldenFixture[]> {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  if (names.includes(`${COMMON_GOLDEN}.json`)) throw new Error(`${join(dir, COMMON_GOLDEN)}.json: ${COMMON_GOLDEN} is the golden folder of the common files`);
  const out: GoldenFixture[] = [];
  for (const f of names) {
    const json = JSON.parse(await readFile(join(dir, f), 'utf8')) as Partial<GoldenFixture>;
    if (typeof json.device !== 'object' || json.device === null) throw new Error(`${join(dir, f)}: a golden fixture needs "device" (and "raw")`);
    out.push({ name: f.slice(0, -'.json'.length), description: json.description ?? '', device: { ...json.device, id: json.device.id ?? f }, raw: json.raw ?? {} });
  }
  return out;
}

async function filesUnder(dir: string, rel = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(dir, rel), { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: string[] = [];
  for (const e of entries) {
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...(await filesUnder(dir, path)));
    else if (e.isFile()) out.push(path);
  }
  return out.sort();
}

function firstDifference(want: Buffer, got: Buffer): { line: number; want: string; got: string } {
  const a = want.toString('utf8').split('\n');
  const b = got.toString('utf8').split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return { line: i + 1, want: a[i] ?? '(end of file)', got: b[i] ?? '(end of file)' };
  return { line: 0, want: '', got: '' };
}

async function compare(fixture: string, description: string, got: ReadonlyMap<string, Buffer>, dir: string, update: boolean | undefined): Promise<GoldenOutcome> {
  if (update) {
    await rm(dir, { recursive: true, force: true });
    for (const [name, content] of got) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), content);
    }
    return { fixture, description, unexpected: [], missing: [], changed: [], written: [...got.keys()].sort() };
  }
  const expected = await filesUnder(dir);
  const changed = [];
  for (const name of expected) {
    const content = got.get(name);
    if (content === undefined) continue;
    const want = await readFile(join(dir, name));
    if (!want.equals(content)) changed.push({ file: name, ...firstDifference(want, content) });
  }
  return {
    fixture,
    description,
    unexpected: [...got.keys()].filter((n) => !expected.includes(n)).sort(),
    missing: expected.filter((n) => !got.has(n)),
    changed,
    written: [],
  };
}

/**
 * Renders every fixture of the plugin at `pluginDir` (an installed-layout folder) and compares or
 * updates; then the common files (outcome `_common`), when there are any on either side.
 */
export async function checkGoldenFiles(pluginDir: string, options: GoldenOptions): Promise<GoldenOutcome[]> {
  const outcomes: GoldenOutcome[] = [];
  for (const fixture of await readGoldenFixtures(options.fixturesDir)) {
    const host = await createTestHost(pluginDir, options);
    try {
      const before = new Set(host.files.files.keys());
      await host.configure(fixture.device, fixture.raw);
      const got = new Map([...host.files.files].filter(([name]) => !before.has(name)));
      outcomes.push(await compare(fixture.name, fixture.description, got, join(options.goldenDir, fixture.name), options.update));
    } finally {
      await host.close();
    }
  }
  const host = await createTestHost(pluginDir, options);
  try {
    const common = new Map(host.files.files);
    const dir = join(options.goldenDir, COMMON_GOLDEN);
    if (common.size > 0 || (await filesUnder(dir)).length > 0) outcomes.push(await compare(COMMON_GOLDEN, 'common files', common, dir, options.update));
  } finally {
    await host.close();
  }
  return outcomes;
}

/** True when the outcome has no difference. */
export function goldenPassed(o: GoldenOutcome): boolean {
  return o.unexpected.length === 0 && o.missing.length === 0 && o.changed.length === 0;
}
