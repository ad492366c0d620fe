/**
 * @dialtone/plugin-cisco-enterprise: Cisco enterprise phone identification as a provd plugin folder (data only:
 * plugin-info, family.yml). This module tells tools and tests where it is.
 */
import { fileURLToPath } from 'node:url';

/** Absolute path of the plugin folder (the package root). */
export const pluginDir = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

/** The id the plugin gets when installed (`<data>/plugins/<id>/`). */
export const PLUGIN_ID = 'cisco-enterprise-identify';
