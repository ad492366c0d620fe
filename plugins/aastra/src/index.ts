/**
 * @dialtone/plugin-aastra: the Aastra/Mitel family as a provd plugin folder. The plugin itself is data
 * (plugin-info, family.yml, hooks.ts, templates/, pkgs/); this module only tells tools and tests
 * where it is and how to lay it out as an installed plugin.
 */
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the plugin folder (the package root). */
export const pluginDir = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

/** The id the plugin gets when installed (`<data>/plugins/<id>/`). */
export const PLUGIN_ID = 'aastra-6.4.0';

/** What an installed plugin folder holds, relative to the plugin folder. */
export const PLUGIN_FILES = ['plugin-info', 'family.yml', 'hooks.ts', 'templates', 'pkgs'] as const;

/** Lays the plugin out in `dest` as provd installs it (plugin files, empty var/ folders, package.json). */
export async function copyPlugin(dest: string): Promise<void> {
  await mkdir(dest, { recursive: true });
  for (const name of PLUGIN_FILES) await cp(join(pluginDir, name), join(dest, name), { recursive: true });
  for (const sub of ['cache', 'installed', 'templates', 'tftpboot']) await mkdir(join(dest, 'var', sub), { recursive: true });
  await cp(join(pluginDir, 'test', 'fixtures', 'bundle-package.json'), join(dest, 'package.json'));
}
