import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { configDir, tempDir, writeFile } from '../../test/support.js';
import { isConfgendError } from '../errors.js';
import { resolveConfig } from './config.js';

test('config.yml then conf.d in alphabetical order (later wins, mappings merge), dotfiles skipped, flags last', (t) => {
  const root = tempDir(t);
  const dir = configDir(root, {
    config: { http: { port: 9000 }, plugins: { 'asterisk.sip.conf': 'a' }, custom: { x: 1, y: 1 } },
    confd: { '20-b.yml': { plugins: { 'asterisk.sip.conf': 'b' }, custom: { y: 2 } }, '10-a.yml': { plugins: { 'asterisk.iax.conf': 'c' } } },
  });
  writeFile(join(dir, 'conf.d', '.hidden.yml'), 'http: {port: 1}\n');
  writeFile(join(dir, 'conf.d', 'old.yml.dpkg-old'), 'http: {port: 2}\n');
  const config = resolveConfig({ configDir: dir, settings: { 'tcp.port': 0 } });
  assert.equal(config.http.port, 9000);
  assert.equal(config.tcp.port, 0);
  assert.deepEqual(config.plugins, { 'asterisk.sip.conf': 'b', 'asterisk.iax.conf': 'c' });
  assert.deepEqual(config.custom, { x: 1, y: 2 });
  assert.equal(config.cache.dir, join(dir, 'cache'));
  assert.equal(config.templates.dir, join(dir, 'templates'));
  assert.ok(Object.isFrozen(config.http));
});

test('bad values are refused with every problem named', (t) => {
  const dir = configDir(tempDir(t), { confd: { 'x.yml': { http: { port: 70000 }, plugins: { nodot: 'x', 'asterisk.sip.conf': 3 }, driver_timeout_ms: 0 } } });
  assert.throws(() => resolveConfig({ configDir: dir }), (e) => {
    assert.ok(isConfgendError(e, 'DT_ERR_CONFGEND_CONFIG'));
    assert.match(e.message, /http\.port: expected an integer from 0 to 65535, got 70000/);
    assert.match(e.message, /plugins\.nodot: not a "<resource>\.<filename>" key/);
    assert.match(e.message, /plugins\.asterisk\.sip\.conf: expected a driver name, got 3/);
    assert.match(e.message, /driver_timeout_ms: expected a positive integer/);
    return true;
  });
  const bad = configDir(join(tempDir(t), 'y'), {});
  writeFile(join(bad, 'conf.d', 'bad.yml'), 'plugins: [\n');
  assert.throws(() => resolveConfig({ configDir: bad }), (e) => isConfgendError(e, 'DT_ERR_CONFGEND_CONFIG') && e.message.includes('bad.yml'));
  assert.throws(() => resolveConfig({ configDir: join(bad, 'missing') }), /does not exist/);
});
