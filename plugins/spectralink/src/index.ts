/**
 * @dialtone/plugin-spectralink: Spectralink device identification as a provd plugin folder (data only:
 * plugin-info, family.yml). This module tells tools and tests where it is and the id built.
 */
import { pluginSource } from '@dialtone/plugin-tools';

const source = pluginSource(import.meta.url, 'spectralink');
export const { dir: pluginDir, id: PLUGIN_ID, copy: copyPlugin } = source;
