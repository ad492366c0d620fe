import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

function versionOf(dir: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(dir, 'plugin-info'), 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/** Files and folders of a plugin source tree that are not part of the installed plugin. */
const SKIPPED = new Set(['node_modules', 'test', '.git']);

/** Where the digest of the source an installed copy came from is kept. */
const SOURCE_RECORD = '.dialtone-source.json';

/** sha1 over the relative paths and contents of the files that get installed (var/ excluded). */
export function sourceDigest(dir: string): string {
  const hash = createHash('sha1');
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if ((!rel && (SKIPPED.has(e.name) || e.name === 'var')) || e.name.startsWith('.')) continue;
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) hash.update(`${path}\0`).update(readFileSync(join(dir, path))).update('\0');
    }
  };
  walk('');
  return hash.digest('hex');
}

function recordedDigest(dir: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(dir, SOURCE_RECORD), 'utf8')) as { digest?: string }).digest ?? null;
  } catch {
    return null;
  }
}

/**
 * Installs plugins from a local folder of plugin sources (`plugins/` of this repository): every
 * sub-folder with a `plugin-info` is copied into `pluginsDir/<folder name>` when missing or when
 * its version differs, or when its content changed under the same version (reported with a
 * warning, never skipped silently). The copy goes to a temp folder first and is renamed into
 * place, so a crash never leaves half a plugin. Admin template overrides (`var/templates`) survive.
 */
export function installFromSourceFolder(sourceDir: string, pluginsDir: string, log: Logger): string[] {
  const installed: string[] = [];
  for (const entry of readdirSync(sourceDir, { withFileTypes: true })) {
    const source = join(sourceDir, entry.name);
    if (!entry.isDirectory() || !existsSync(join(source, 'plugin-info'))) continue;
    const target = join(pluginsDir, entry.name);
    const version = versionOf(source);
    const digest = sourceDigest(source);
    if (existsSync(target) && versionOf(target) === version) {
      const installedDigest = recordedDigest(target);
      if (installedDigest === digest) continue;
      log.warn({ plugin: entry.name, version, from: sourceDir }, 'plugin content changed without a version bump: installing it again');
    }
    const tmp = join(pluginsDir, `.tmp-${entry.name}-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    cpSync(source, tmp, { recursive: true, filter: (src) => !SKIPPED.has(src.slice(source.length + 1)) });
    const overrides = join(target, 'var', 'templates');
    if (existsSync(overrides)) cpSync(overrides, join(tmp, 'var', 'templates'), { recursive: true });
    writeFileSync(join(tmp, SOURCE_RECORD), `${JSON.stringify({ version, digest })}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
    log.info({ plugin: entry.name, version, from: sourceDir }, 'plugin installed from local source folder');
    installed.push(entry.name);
  }
  return installed;
}
