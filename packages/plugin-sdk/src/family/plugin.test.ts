import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixturePlugin } from '../../test/fixtures.js';
import { isSdkError } from '../errors.js';
import { createTestContext, httpRequest, makeDevice } from '../testing/index.js';
import { compileFamilyWithHooks, loadFamily } from './load.js';
import { createFamilyPlugin, deviceFileNames, planFamilyConfigure } from './plugin.js';

const RAW = {
  ip: '10.0.0.1', http_port: 8667, locale: 'fr_FR', timezone: 'Europe/Paris', sip_proxy_ip: '10.0.0.2', X_xivo_phonebook_ip: '10.0.0.3', X_xivo_user_uuid: 'u1',
  sip_lines: { '2': { username: 'bob' }, '1': { username: 'alice', display_name: 'Alice' } },
  funckeys: { '10': { type: 'blf', value: '1010' }, '2': { type: 'speeddial', value: '1002' } },
};

test('plan: file names, template candidates and the transformed context', async () => {
  const acme = await loadFamily(fixturePlugin('acme'));
  const { ctx } = createTestContext({ dir: acme.dir });
  const device = makeDevice({ id: 'd1', mac: '00:0F:D3:05:48:48', model: 'A2', vendor: 'Acme' });
  const plan = await planFamilyConfigure(acme, device, structuredClone(RAW), ctx);
  assert.deepEqual(plan.files, [
    { name: 'Acme/000fd3054848.cfg', templates: ['000fd3054848.cfg.tpl', 'A2.tpl', 'base.tpl'], encoding: 'utf-8', errors: 'strict' },
    { name: 'Acme/000fd3054848-extra.txt', templates: ['extra-A2.tpl', 'extra.tpl'], encoding: 'latin-1', errors: 'replace' },
  ]);
  const c = plan.context;
  assert.equal(c.XX_server_url, 'http://10.0.0.1:8667');
  assert.equal(c.XX_mac, '000fd3054848');
  assert.deepEqual((c.XX_sip_lines as Array<{ no: number; registrar_ip: string }>).map((l) => [l.no, l.registrar_ip]), [[1, '10.0.0.2'], [2, '10.0.0.2']]);
  assert.deepEqual((c.XX_funckeys as Array<{ no: number }>).map((k) => k.no), [2, 10]);
  assert.deepEqual([c.XX_locale, c.XX_language, c.XX_country, c.XX_lang], ['fr_FR', 'fr', 'FR', 'french']);
  assert.equal((c.XX_timezone as { utcoffset: { as_hours: number } }).utcoffset.as_hours, 1);
  assert.equal(c.XX_xivo_phonebook_url, 'http://10.0.0.3:9498/0.1/directories/input/default/acme?xivo_user_uuid=u1');
  assert.equal(c.XX_greeting, 'hello A2', 'the transformRaw hook ran');
  assert.equal((RAW as Record<string, unknown>).XX_mac, undefined, 'the caller raw is untouched');
});

test('plan: a device without MAC cannot be configured; unknown time zones are logged', async () => {
  const acme = await loadFamily(fixturePlugin('acme'));
  const { ctx, log } = createTestContext({ dir: acme.dir });
  await assert.rejects(planFamilyConfigure(acme, makeDevice({ id: 'nomac' }), {}, ctx), (err) => isSdkError(err, 'DT_ERR_DEVICE_INCOMPLETE') && /nomac has no mac/.test(err.message));
  const plan = await planFamilyConfigure(acme, makeDevice({ mac: '000fd3054848' }), { timezone: 'Mars/Olympus' }, ctx);
  assert.equal(plan.context.XX_timezone, undefined);
  assert.equal(plan.files[0].templates.join(), '000fd3054848.cfg.tpl,base.tpl');
  assert.deepEqual(log.entries.map((e) => [e.level, e.msg]), [['warn', 'unknown time zone: left out of the configuration']]);
});

test('the family plugin: extract hook, associate hook, trigger, sensitive files, deconfigure, serving flags', async () => {
  const acme = await loadFamily(fixturePlugin('acme'));
  const { ctx, files } = createTestContext({ dir: acme.dir });
  const plugin = await createFamilyPlugin(acme, ctx);
  assert.deepEqual(await plugin.extractors?.http?.extract(httpRequest('/Acme/legacy.cfg')), { vendor: 'Acme', model: 'A1' });
  assert.equal(await plugin.associator?.associate({ vendor: 'Acme', model: 'A0' }), 0);
  assert.equal(await plugin.associator?.associate({ vendor: 'Acme', model: 'A1', version: '3.2.1' }), 600);
  const device = makeDevice({ mac: '00:0f:d3:05:48:48', model: 'A1' });
  assert.equal(plugin.getRemoteStateTriggerFilename?.(device), '000fd3054848.cfg');
  assert.equal(plugin.getRemoteStateTriggerFilename?.(makeDevice()), null);
  assert.equal(plugin.isSensitiveFilename?.('Acme/000fd3054848.cfg'), true);
  assert.equal(plugin.isSensitiveFilename?.('000fd3054848-extra.txt'), false);
  assert.deepEqual([plugin.http, plugin.tftp], [{}, {}]);
  assert.deepEqual(deviceFileNames(acme, device), ['Acme/000fd3054848.cfg', 'Acme/000fd3054848-extra.txt']);
  await files.write('Acme/000fd3054848.cfg', 'x');
  await files.write('Acme/000fd3054848-extra.txt', 'y');
  await files.write('Acme/other.cfg', 'z');
  await plugin.deconfigure?.(device);
  assert.deepEqual(await files.list(), ['Acme/other.cfg']);
  await plugin.deconfigure?.(makeDevice());
});

test('synchronize: standard SIP NOTIFY, none, or a hook', async () => {
  const base = { vendor: 'V', models: ['M'] };
  const { ctx, sync } = createTestContext({ dir: '/x' });
  const standard = await createFamilyPlugin(await compileFamilyWithHooks(base, '/x'), ctx);
  await standard.synchronize?.(makeDevice({ remote_state_sip_username: 'alice' }), {});
  await standard.synchronize?.(makeDevice({ remote_state_sip_username: 'ap12345678', ip: '10.0.0.9' }), {});
  assert.deepEqual(sync?.notifies, [
    { target: { endpoint: 'alice' }, event: 'check-sync' },
    { target: { uri: 'sip:anonymous@10.0.0.9' }, event: 'check-sync' },
  ]);
  await assert.rejects(async () => standard.synchronize?.(makeDevice(), {}), (err) => isSdkError(err, 'DT_ERR_SYNC_UNSUPPORTED'));
  const noSync = await createFamilyPlugin(await compileFamilyWithHooks(base, '/x'), createTestContext({ dir: '/x', sync: false }).ctx);
  await assert.rejects(async () => noSync.synchronize?.(makeDevice({ ip: '1.2.3.4' }), {}), (err) => isSdkError(err, 'DT_ERR_SYNC_UNSUPPORTED'));
  const none = await createFamilyPlugin(await compileFamilyWithHooks({ ...base, synchronize: 'none', serve: { http: false } }, '/x'), ctx);
  assert.equal(none.synchronize, undefined);
  assert.equal(none.http, false);
  assert.deepEqual(none.tftp, {}, 'TFTP stays on by default when only HTTP is turned off');
  const snom = await createFamilyPlugin(await compileFamilyWithHooks({ ...base, sync_event: 'check-sync;reboot=false' }, '/x'), ctx);
  await snom.synchronize?.(makeDevice({ ip: '10.0.0.8' }), {});
  assert.deepEqual(sync?.notifies.at(-1), { target: { uri: 'sip:anonymous@10.0.0.8' }, event: 'check-sync;reboot=false' }, 'the family declares its event');
  await assert.rejects(compileFamilyWithHooks({ ...base, sync_event: 'check-sync\r\nX: y' }, '/x'), /sync_event: must be a SIP event/);
  const calls: string[] = [];
  const family = await compileFamilyWithHooks(base, '/x');
  const hooked = await createFamilyPlugin({ ...family, hooks: { synchronize: (device) => void calls.push(device.id) } }, ctx);
  await hooked.synchronize?.(makeDevice({ id: 'h1' }), {});
  assert.deepEqual(calls, ['h1']);
});
