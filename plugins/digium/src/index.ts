/**
 * @dialtone/plugin-digium: the Digium family as a provd plugin folder. The plugin itself is data
 * (plugin-info, family.yml, hooks.ts, templates/, pkgs/); this module only tells tools and tests
 * where it is and how to lay it out as an installed plugin.
 */
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the plugin folder (the package root). */
export const digiumPluginDir = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

/** The id the plugin gets when installed (`<data>/plugins/<id>/`). */
export const DIGIUM_PLUGIN_ID = 'digium-1.4.0.0';

/** What an installed plugin folder holds, relative to the plugin folder. */
export const DIGIUM_PLUGIN_FILES = ['plugin-info', 'family.yml', 'hooks.ts', 'templates', 'pkgs'] as const;

/**
 * Lays the plugin out in `dest` as provd installs it: the plugin files, the empty
 * `var/{cache,installed,templates,tftpboot/Digium}` folders, and a package.json marking the folder
 * as ES modules (for hooks.ts).
 */
export async function copyDigiumPlugin(dest: string): Promise<void> {
  await mkdir(dest, { recursive: true });
  for (const name of DIGIUM_PLUGIN_FILES) await cp(join(digiumPluginDir, name), join(dest, name), { recursive: true });
  for (const sub of ['cache', 'installed', 'templates', join('tftpboot', 'Digium')]) await mkdir(join(dest, 'var', sub), { recursive: true });
  await cp(join(digiumPluginDir, 'test', 'fixtures', 'bundle-package.json'), join(dest, 'package.json'));
}
