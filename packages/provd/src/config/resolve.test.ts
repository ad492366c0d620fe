import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveConfig } from './resolve.js';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'provd-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('embedded defaults work for a non-root user', () => {
  const config = resolveConfig({ cwd: '/srv/x' });
  assert.equal(config.rest_api.ip, '127.0.0.1');
  assert.equal(config.rest_api.port, 8666);
  assert.equal(config.http.port, 8667);
  assert.equal(config.tftp.port, 6969);
  assert.equal(config.general.data_dir, '/srv/x/.data/provd');
  assert.equal(config.database.url, 'sqlite:/srv/x/.data/provd/provd.sqlite');
  assert.ok(Object.isFrozen(config.http));
});

test('precedence: file < conf.d (alphabetical) < env < settings', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'config.yml'), 'http:\n  port: 1000\nrest_api:\n  port: 1001\ntftp:\n  port: 1002\nlog:\n  level: warn\n');
  mkdirSync(join(dir, 'conf.d'));
  writeFileSync(join(dir, 'conf.d', '20-b.yml'), 'rest_api:\n  port: 2001\n');
  writeFileSync(join(dir, 'conf.d', '10-a.yml'), 'rest_api:\n  port: 3001\n  ip: 127.0.0.2\ntftp:\n  port: 3002\n');
  writeFileSync(join(dir, 'conf.d', 'ignored.txt'), 'not yaml: [');
  const config = resolveConfig({
    configFile: join(dir, 'config.yml'),
    env: { PROVD_TFTP_PORT: '4002', PROVD_LOG_LEVEL: 'debug' },
    settings: { 'log.level': 'error' },
  });
  assert.equal(config.http.port, 1000);
  assert.equal(config.rest_api.port, 2001, 'later conf.d file wins');
  assert.equal(config.rest_api.ip, '127.0.0.2', 'deep merge keeps sibling keys');
  assert.equal(config.tftp.port, 4002, 'env beats files');
  assert.equal(config.log.level, 'error', 'settings (flags) beat env');
});

test('invalid values stop start-up with the key named', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'config.yml'), 'http:\n  port: 70000\ngeneral:\n  identification_profile: paranoid\nrest_api:\n  prot: 1\n');
  assert.throws(
    () => resolveConfig({ configFile: join(dir, 'config.yml') }),
    (err: Error & { code?: string }) => {
      assert.equal(err.code, 'DT_ERR_INVALID_CONFIG');
      assert.match(err.message, /http\.port: expected an integer from 0 to 65535, got 70000/);
      assert.match(err.message, /general\.identification_profile: expected one of default, secure/);
      assert.match(err.message, /rest_api\.prot: unknown key/);
      return true;
    },
  );
});

test('bad env values and bad YAML are reported', (t) => {
  assert.throws(() => resolveConfig({ env: { PROVD_HTTP_PORT: 'eighty' } }), /http\.port \(from environment variable PROVD_HTTP_PORT\): expected an integer/);
  const dir = tempDir(t);
  writeFileSync(join(dir, 'config.yml'), 'http: [1, 2\n');
  assert.throws(() => resolveConfig({ configFile: join(dir, 'config.yml') }), /invalid YAML/);
  assert.throws(() => resolveConfig({ configFile: join(dir, 'missing.yml') }), /cannot read configuration file/);
});

test('advertised URL must be http(s)', () => {
  assert.throws(() => resolveConfig({ settings: { 'general.advertised_http_url': 'ftp://x' } }), /general\.advertised_http_url: expected a http: or https: URL/);
});
