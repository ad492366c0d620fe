/**
 * The package service provd gives every plugin shipping `pkgs/pkgs.db` (reference
 * xivo-fetchfw): list installable and installed packages, install one (download its files
 * into var/cache, check size and sha1, run its install graph in a scratch folder, move the
 * leaves' files into var/tftpboot, record them in var/installed/<pkg>), uninstall exactly the
 * recorded files, install all.
 */
import { constants } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parsePkgsDb, type PackageInfo, type PackageProgress, type PackageService, type PkgDef, type PkgsDb } from '@dialtone/plugin-sdk';
import type { Logger } from 'pino';
import type { Proxies } from '../plugins/install/download.js';
import { installErrors } from '../plugins/install/errors.js';
import { download, verifyFile } from '../plugins/install/offload.js';
import { COMMANDS, expandArgument, writeJsonAtomic } from './commands.js';
import { listTree } from './tree.js';

export interface PkgsServiceOptions {
  pluginDir: string;
  proxies(): Proxies;
  locale(): string | null;
  log: Logger;
  /** Unpacked bytes per archive at most (default 2 GiB). */
  maxBytes?: number;
  timeoutMs?: number;
  /**
   * Credentials for files whose `downloader` is `auth` (HTTP basic auth, or the FTP login): the
   * reference's Zenitel plugin reads them from its configure service. Null when none are set.
   */
  credentials?(): Promise<Credentials | null>;
}

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export interface InstalledRecord {
  version: string | null;
  description: string | null;
  /** Paths under var/tftpboot this package put there. */
  files: string[];
  /** False while the files are being moved in (a crash then leaves a record uninstall can use). */
  complete: boolean;
}

export interface PkgsService extends PackageService {
  /** Installs every package not installed yet, in id order. */
  installAll(progress?: (pkg: string, step: 'download' | 'install', current: number, end: number | null) => void): Promise<string[]>;
  /** Absolute path of the folder where files with an empty URL must be placed. */
  readonly cacheDir: string;
}

function safeRelative(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.split('/').some((s) => s === '..' || s === '.' || s === '') && !path.includes('\\') && !path.includes('\0');
}

function localized(pkg: PkgDef, locale: string | null): string | undefined {
  if (locale) {
    const found = pkg.descriptions[locale] ?? pkg.descriptions[locale.split('_')[0]!];
    if (found !== undefined) return found;
  }
  return pkg.description;
}

export function createPkgsService(options: PkgsServiceOptions): PkgsService {
  const { pluginDir, log } = options;
  const cacheDir = join(pluginDir, 'var', 'cache');
  const installedDir = join(pluginDir, 'var', 'installed');
  const tftpboot = join(pluginDir, 'var', 'tftpboot');
  const maxBytes = options.maxBytes ?? 2 * 1024 ** 3;
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const readDb = async (): Promise<PkgsDb> => {
    const dir = join(pluginDir, 'pkgs');
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();
    const docs = await Promise.all(names.map(async (name) => ({ text: await readFile(join(dir, name), 'utf8'), source: `pkgs/${name}` })));
    return parsePkgsDb(docs);
  };

  const readRecord = async (id: string): Promise<InstalledRecord | null> => {
    const text = await readFile(join(installedDir, id), 'utf8').catch(() => null);
    if (text === null) return null;
    const json = JSON.parse(text) as InstalledRecord | string[];
    return Array.isArray(json) ? { version: null, description: null, files: json, complete: true } : json;
  };

  const removeFiles = async (files: readonly string[]) => {
    const dirs = new Set<string>();
    for (const file of files) {
      if (!safeRelative(file)) continue;
      await rm(join(tftpboot, file), { force: true });
      for (let d = dirname(file); d !== '.'; d = dirname(d)) dirs.add(d);
    }
    // empty folders the package created go too; deepest first
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) await rmdir(join(tftpboot, d)).catch(() => undefined);
  };

  const fetchFiles = async (db: PkgsDb, pkg: PkgDef, progress?: PackageProgress): Promise<string[]> => {
    const files = pkg.files.map((f) => db.files[f]!);
    const total = files.reduce((n, f) => n + f.size, 0);
    let before = 0;
    await mkdir(cacheDir, { recursive: true });
    for (const file of files) {
      const cached = join(cacheDir, file.filename);
      if (!(await verifyFile(cached, { size: file.size, sha1: file.sha1sum }))) {
        if (!file.url) throw installErrors.packageFileMissing(`place ${file.filename} in ${cacheDir} (this file cannot be downloaded: see the plugin's install notes)`);
        let auth: Credentials | null = null;
        if (file.downloader === 'auth') {
          auth = (await options.credentials?.()) ?? null;
          if (!auth) throw installErrors.packageInstall(`${file.filename} is downloaded with credentials (downloader: auth): set the plugin's "username" and "password" configure parameters first`);
        } else if (file.downloader !== 'default') throw installErrors.packageInstall(`${file.filename}: unknown downloader ${JSON.stringify(file.downloader)} (default or auth)`);
        await download(file.url, cached, {
          auth,
          size: file.size,
          sha1: file.sha1sum,
          proxies: options.proxies(),
          timeoutMs: options.timeoutMs,
          onProgress: (current) => progress?.('download', before + current, total),
        });
      }
      before += file.size;
      progress?.('download', before, total);
    }
    return files.map((f) => f.filename);
  };

  const installOne = async (db: PkgsDb, id: string, progress?: PackageProgress, seen = new Set<string>()): Promise<void> => {
    const pkg = db.packages[id];
    if (!pkg) throw installErrors.packageUnknown(`no package ${JSON.stringify(id)}`);
    if (seen.has(id)) throw installErrors.packageInstall(`dependency cycle through ${id}`);
    seen.add(id);
    for (const dep of pkg.depends) if (!(await readRecord(dep))) await installOne(db, dep, undefined, seen);
    const filenames = await fetchFiles(db, pkg, progress);
    const work = await mkdtemp(join(pluginDir, 'var', '.pkg-work-'));
    try {
      await mkdir(join(work, 'a'));
      for (const name of filenames) {
        // a hard link: no copy of a 100 MB firmware; a copy when var/ spans file systems
        await link(join(cacheDir, name), join(work, 'a', name)).catch(() => copyFile(join(cacheDir, name), join(work, 'a', name), constants.COPYFILE_FICLONE));
      }
      const steps = pkg.install ? db.installs[pkg.install.id]!.steps : [];
      const sources = new Set(steps.map((s) => s.src));
      progress?.('install', 0, steps.length);
      for (const [i, step] of steps.entries()) {
        const args = step.args.map((a) => expandArgument(a, filenames, pkg.install?.args ?? []));
        const dst = join(work, step.dst);
        await mkdir(dst, { recursive: true });
        try {
          await COMMANDS[step.command]({ src: join(work, step.src), dst, args, maxBytes });
        } catch (err) {
          const e = err as Error & { code?: string };
          if (typeof e.code === 'string' && e.code.startsWith('DT_ERR_')) e.message = `${id}: ${step.src}-${step.dst} ${step.command}: ${e.message}`;
          throw err;
        }
        progress?.('install', i + 1, steps.length);
      }
      const leaves = steps.length === 0 ? [] : [...new Set(steps.map((s) => s.dst))].filter((n) => !sources.has(n));
      const moves = new Map<string, string>();
      for (const leaf of leaves.sort()) {
        for (const entry of await listTree(join(work, leaf))) if (entry.type === 'file') moves.set(entry.path, join(work, leaf, entry.path));
      }
      const previous = await readRecord(id);
      const record: InstalledRecord = { version: pkg.version ?? null, description: pkg.description ?? null, files: [...new Set([...moves.keys(), ...(previous?.files ?? [])])].sort(), complete: false };
      await writeJsonAtomic(join(installedDir, id), record);
      for (const [rel, from] of moves) {
        await mkdir(dirname(join(tftpboot, rel)), { recursive: true });
        await rename(from, join(tftpboot, rel));
      }
      // files of an earlier install of this package that the new one no longer has
      if (previous) await removeFiles(previous.files.filter((f) => !moves.has(f)));
      await writeJsonAtomic(join(installedDir, id), { ...record, files: [...moves.keys()].sort(), complete: true });
      log.info({ pkg: id, version: pkg.version, files: moves.size }, 'package installed');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };

  return {
    cacheDir,
    async installable() {
      const db = await readDb();
      const out: Record<string, PackageInfo> = {};
      for (const pkg of Object.values(db.packages)) {
        const dsize = pkg.files.reduce((n, f) => n + (db.files[f]?.size ?? 0), 0);
        out[pkg.id] = { id: pkg.id, version: pkg.version, description: localized(pkg, options.locale()), dsize };
      }
      return out;
    },
    async installed() {
      const out: Record<string, PackageInfo> = {};
      for (const id of (await readdir(installedDir).catch(() => [] as string[])).filter((n) => !n.startsWith('.') && !n.includes('.tmp-')).sort()) {
        const record = await readRecord(id).catch(() => null);
        if (record) out[id] = { id, version: record.version ?? undefined, description: record.description ?? undefined };
      }
      return out;
    },
    install(id, progress) {
      return serialize(async () => installOne(await readDb(), id, progress));
    },
    uninstall(id) {
      return serialize(async () => {
        const record = await readRecord(id);
        if (!record) throw installErrors.packageUnknown(`package ${JSON.stringify(id)} is not installed`);
        await removeFiles(record.files);
        await rm(join(installedDir, id), { force: true });
        log.info({ pkg: id, files: record.files.length }, 'package uninstalled');
      });
    },
    installAll(progress) {
      return serialize(async () => {
        const db = await readDb();
        const done: string[] = [];
        for (const id of Object.keys(db.packages).sort()) {
          if (await readRecord(id)) continue;
          await installOne(db, id, (step, current, end) => progress?.(id, step, current, end));
          done.push(id);
        }
        return done;
      });
    },
  };
}
