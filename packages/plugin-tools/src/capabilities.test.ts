import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from './errors.js';
import { readSource, renderTarget, capabilitiesOf } from './source.js';

const PLUGINS = join(import.meta.dirname, '..', '..', '..', 'plugins');

test('capabilities: a model\'s info_version, else its version, else the target firmware, else "*"; capability fields only, in a fixed order', () => {
  const family = {
    vendor: 'Acme',
    models: {
      A1: { type: 'deskphone', hw: '66', version: '66.86.0.15', firmware: 'a.rom', protocol: 'sip', lines: 6, expansion_keys: 40 },
      B2: { lines: 1, version: 10.1 },
      C3: {},
      D4: { lines: 2, version: '2.0.1', info_version: '1.9' },
    },
  };
  const caps = capabilitiesOf(family, '86');
  assert.equal(JSON.stringify(caps), JSON.stringify({
    'Acme, A1, 66.86.0.15': { lines: 6, type: 'deskphone', protocol: 'sip' },
    'Acme, B2, 10.1': { lines: 1 },
    'Acme, C3, 86': {},
    'Acme, D4, 1.9': { lines: 2 },
  }));
  assert.deepEqual(Object.keys(capabilitiesOf(family, undefined)), ['Acme, A1, 66.86.0.15', 'Acme, B2, 10.1', 'Acme, C3, *', 'Acme, D4, 1.9']);
});

test('Yealink\'s built plugin-info: one firmware per hardware generation, W-series at the target\'s', async () => {
  const source = await readSource(join(PLUGINS, 'yealink'));
  const findings: Finding[] = [];
  const t = await renderTarget(source, source.targets[0], findings);
  assert.deepEqual(findings, []);
  const text = t!.files.get('plugin-info')!.toString('utf8');
  // byte for byte what the reference clients were shown before the list moved to family.yml
  assert.ok(text.includes('"Yealink, T46S, 66.86.0.15": {\n      "lines": 16,\n      "function_keys": 27,\n      "expansion_modules": 6,\n      "type": "deskphone",\n      "protocol": "sip"\n    }'), text);
  const caps = JSON.parse(text).capabilities as Record<string, unknown>;
  assert.equal(Object.keys(caps).length, 29);
  assert.deepEqual(caps['Yealink, W90B, 86'], { lines: 250, function_keys: 0, expansion_modules: 0, type: 'dect', protocol: 'sip' });
  assert.deepEqual(caps['Yealink, T58, 58.86.0.20'], { lines: 16, function_keys: 27, expansion_modules: 3, type: 'deskphone', protocol: 'sip' });
  // the source keeps one model list
  assert.doesNotMatch(await readFile(join(PLUGINS, 'yealink', 'plugin-info'), 'utf8'), /capabilities/);
});
