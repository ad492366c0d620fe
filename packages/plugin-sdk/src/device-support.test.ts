import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseBestPlugin, DeviceSupport, deviceSupportName, isDeviceSupportName } from './device-support.js';

test('the scale has the reference values', () => {
  assert.deepEqual(DeviceSupport, { NONE: 0, IMPROBABLE: 100, UNKNOWN: 200, PROBABLE: 300, INCOMPLETE: 400, COMPLETE: 500, EXACT: 600 });
  assert.equal(deviceSupportName(600), 'EXACT');
  assert.equal(deviceSupportName(601), undefined);
  assert.equal(isDeviceSupportName('PROBABLE'), true);
  assert.equal(isDeviceSupportName('toString'), false);
});

test('chooseBestPlugin: highest score from PROBABLE, ties to the greatest id', () => {
  assert.equal(chooseBestPlugin([{ id: 'a', support: 200 }, { id: 'b', support: 100 }]), null);
  assert.equal(chooseBestPlugin([{ id: 'a', support: 300 }, { id: 'b', support: 500 }, { id: 'c', support: 400 }]), 'b');
  assert.equal(chooseBestPlugin([{ id: 'yealink-v86', support: 600 }, { id: 'yealink-v85', support: 600 }]), 'yealink-v86');
  assert.equal(chooseBestPlugin([{ id: 'z', support: 300 }, { id: 'a', support: 301 }]), 'a');
  assert.equal(chooseBestPlugin([{ id: 'x', support: Number.NaN }]), null);
  assert.equal(chooseBestPlugin([]), null);
});
