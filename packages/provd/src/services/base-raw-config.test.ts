import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../config/index.js';
import { validateFlattenedRawConfig } from '../documents/index.js';
import { deriveBaseRawConfig } from './base-raw-config.js';

test('the base raw config names the ports provd listens on', () => {
  const config = resolveConfig({ settings: { 'http.ip': '10.0.0.5' } });
  const base = deriveBaseRawConfig(config, { http: 8667, tftp: 6969 });
  assert.equal(base.tftp_port, 6969);
  assert.equal(base.http_port, 8667);
  assert.equal(base.ip, '10.0.0.5');
  assert.equal(base.http_base_url, 'http://10.0.0.5:8667');
});

test('without a TFTP server of its own (disabled, port 0), phones are told the standard port, and the result validates', () => {
  const config = resolveConfig({ settings: { 'tftp.enabled': false, 'tftp.port': 0 } });
  const base = deriveBaseRawConfig(config, { http: 8667, tftp: 0 });
  assert.equal(base.tftp_port, 69);
  assert.deepEqual(validateFlattenedRawConfig(base), []);
});

test('a tftp_port set in general.base_raw_config wins', () => {
  const config = resolveConfig({ settings: { 'general.base_raw_config': { tftp_port: 1069 } } });
  assert.equal(deriveBaseRawConfig(config, { http: 8667, tftp: 6969 }).tftp_port, 1069);
});

test('listening on every address with no advertised URL, phones are told the host address, not loopback', () => {
  const config = resolveConfig({ settings: { 'http.ip': '0.0.0.0' } });
  const base = deriveBaseRawConfig(config, { http: 8667, tftp: 6969 }, () => '192.0.2.7');
  assert.equal(base.http_base_url, 'http://192.0.2.7:8667');
  assert.equal(base.ip, '192.0.2.7');
});
