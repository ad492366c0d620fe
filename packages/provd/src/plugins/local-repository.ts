import { cpSync, existsSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
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

/**
 * Installs plugins from a local folder of plugin sources (`plugins/` of this repository): every
 * sub-folder with a `plugin-info` is copied into `pluginsDir/<folder name>` when missing or when
 * its version differs. The copy goes to a temp folder first and is renamed into place, so a
 * crash never leaves half a plugin. Admin template overrides (`var/templates`) survive.
 */
export function installFromSourceFolder(sourceDir: string, pluginsDir: string, log: Logger): string[] {
  const installed: string[] = [];
  for (const entry of readdirSync(sourceDir, { withFileTypes: true })) {
    const source = join(sourceDir, entry.name);
    if (!entry.isDirectory() || !existsSync(join(source, 'plugin-info'))) continue;
    const target = join(pluginsDir, entry.name);
    const version = versionOf(source);
    if (existsSync(target) && versionOf(target) === version) continue;
    const tmp = join(pluginsDir, `.tmp-${entry.name}-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    cpSync(source, tmp, { recursive: true, filter: (src) => !SKIPPED.has(src.slice(source.length + 1)) });
    const overrides = join(target, 'var', 'templates');
    if (existsSync(overrides)) cpSync(overrides, join(tmp, 'var', 'templates'), { recursive: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
    log.info({ plugin: entry.name, version, from: sourceDir }, 'plugin installed from local source folder');
    installed.push(entry.name);
  }
  return installed;
}
