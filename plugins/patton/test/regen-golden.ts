/**
 * Regenerates test/golden/ with the reference engine, Python's Jinja2 (goldenFromJinja2).
 * Run: npm run golden -w @dialtone/plugin-patton   (review the diff by eye before committing)
 */
import { goldenFromJinja2 } from '@dialtone/plugin-tools';
import { pluginDir } from '../src/index.js';

process.stdout.write(await goldenFromJinja2(pluginDir));
