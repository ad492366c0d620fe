/**
 * @dialtone/plugin-avaya: the plugin source folder of this family. The plugin itself is data
 * (plugin-info, build.yml, family.yml, hooks.ts, templates/, pkgs/), built by `dialtone-plugin
 * build`; this module only tells tools and tests where it is (pluginDir), the id built
 * (PLUGIN_ID) and copyPlugin(dest).
 */
import { pluginSource } from '@dialtone/plugin-tools';

const source = pluginSource(import.meta.url, 'avaya-4.1.3');
export const { dir: pluginDir, id: PLUGIN_ID, copy: copyPlugin } = source;
