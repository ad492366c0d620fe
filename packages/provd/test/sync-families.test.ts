/**
 * Every family shipped in plugins/ declares how synchronize reaches its phones: the Event header
 * of its NOTIFY (family.yml `sync_event`), or no synchronize at all.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadFamily } from '@dialtone/plugin-sdk';

const PLUGINS = fileURLToPath(new URL('../../../plugins/', import.meta.url));

const EXPECTED: Record<string, string | null> = {
  aastra: 'check-sync',
  alcatel: 'check-sync',
  audiocodes: null,
  avaya: 'check-sync',
  flyingvoice: null,
  htek: 'check-sync',
  jitsi: null,
  panasonic: 'check-sync',
  patton: 'check-sync',
  spectralink: null,
  technicolor: 'check-sync',
  'cisco-enterprise': null,
  'cisco-spa': 'check-sync',
  digium: 'check-sync',
  fanvil: 'check-sync',
  gigaset: null,
  grandstream: 'check-sync',
  polycom: 'check-sync',
  snom: 'check-sync;reboot=false',
  yealink: 'check-sync',
};

test('each family declares its synchronize event (or none)', async () => {
  const families = readdirSync(PLUGINS).filter((name) => existsSync(join(PLUGINS, name, 'family.yml')));
  assert.ok(Object.keys(EXPECTED).every((name) => families.includes(name)), `families found: ${families.join(", ")}`);
  for (const name of families) {
    const family = await loadFamily(join(PLUGINS, name));
    const declared = family.synchronize === 'none' ? null : family.syncEvent;
    // families added later may use a synchronize hook (telnet, web forms): only the known ones are pinned
    if (!(name in EXPECTED)) continue;
    assert.equal(declared, EXPECTED[name], `plugins/${name}`);
    assert.equal(family.hooks.synchronize, undefined, `plugins/${name}: a synchronize hook would bypass sync_event`);
  }
});
