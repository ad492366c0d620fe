/**
 * Regenerates test/golden/ with the reference engine, Python's Jinja2 (goldenFromJinja2).
 * `dialtone-plugin test` then checks that @dialtone/jinja renders the same bytes.
 * Run: npm run golden -w @dialtone/plugin-digium   (review the diff by eye before committing)
 */
import { goldenFromJinja2 } from '@dialtone/plugin-tools';
import { digiumPluginDir } from '../src/index.js';

process.stdout.write(await goldenFromJinja2(digiumPluginDir));
