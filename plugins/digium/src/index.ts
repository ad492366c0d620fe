/**
 * @dialtone/plugin-digium: the Digium family as a provd plugin source folder. The plugin itself
 * is data (plugin-info, build.yml, family.yml, hooks.ts, templates/, pkgs/), built by
 * `dialtone-plugin build`; this module only tells tools and tests where it is.
 */
import { fileURLToPath } from 'node:url';
import { stageTarget } from '@dialtone/plugin-tools';

/** Absolute path of the plugin source folder (the package root). */
export const digiumPluginDir = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

/** The id of the plugin built from build.yml's first target (`<data>/plugins/<id>/` once installed). */
export const DIGIUM_PLUGIN_ID = 'digium-1.4.0.0';

/** Builds the plugin and lays it out in `dest` as provd installs it (bundle content of `<id>/`). */
export async function copyDigiumPlugin(dest: string): Promise<void> {
  await stageTarget(digiumPluginDir, dest, DIGIUM_PLUGIN_ID);
}
