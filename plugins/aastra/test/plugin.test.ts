/**
 * The plugin's standard checks (runFamilyPluginTests): plugin-info against family.yml, pkgs.db,
 * the built folder, and the golden files (test/fixtures → test/golden, common files in _common)
 * rendered by our engine byte for byte as Python's Jinja2 did (test/regen-golden.ts).
 */
import { runFamilyPluginTests } from '@dialtone/plugin-tools';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

runFamilyPluginTests(pluginDir, { id: PLUGIN_ID, golden: ['6869i-two-lines', '_common'], manualFiles: true });
