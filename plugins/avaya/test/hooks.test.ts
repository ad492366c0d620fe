/** Avaya's own transforms: SIP controller, time zone, firmware names. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { getTimezoneInfo } from '@dialtone/plugin-sdk';
import { avayaTimezone, controller, FIRMWARE_FILES } from '../hooks.js';
import { pluginDir } from '../src/index.js';

test('time zone: GMTOFFSET and DST rules odddmmmht, automatic mode; no DST → mode 0', () => {
  assert.deepEqual(avayaTimezone(getTimezoneInfo('Europe/Paris')), { name: 'Europe/Paris', offset: '1:00', mode: '2', start: 'LSunMar2L', stop: 'LSunOct3L', save: '1' });
  assert.deepEqual(avayaTimezone(getTimezoneInfo('America/St_Johns')).offset, '-3:30');
  assert.deepEqual(avayaTimezone(getTimezoneInfo('Asia/Kolkata')), { name: 'Asia/Kolkata', offset: '5:30', mode: '0' });
});

test('SIP controller designator: transport, and the TLS default port when the line has none', () => {
  assert.equal(controller({ no: 1, proxy_ip: '10.0.0.1', proxy_port: 5080 }, { sip_transport: 'tcp' }), '10.0.0.1:5080;transport=tcp');
  assert.equal(controller({ no: 1, proxy_ip: '10.0.0.1' }, { sip_transport: 'tls' }), '10.0.0.1:5061;transport=tls');
  assert.equal(controller({ no: 1 }, {}), undefined);
});

test("the firmware file names' version is build.yml's firmware_files", async () => {
  assert.match(await readFile(join(pluginDir, 'build.yml'), 'utf8'), new RegExp(`firmware_files: ${FIRMWARE_FILES}\\b`));
});
