import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ProvdNetworkDriver } from '../drivers/provd-network.js';
import { checkDriverContract, createTestContext } from './index.js';

test('the contract check accepts a good driver and names what a bad one breaks', async (t) => {
  const context = createTestContext({ settings: { provd_network: { interface: 'lo' } }, templatesDirs: [fileURLToPath(new URL('../../templates', import.meta.url))] });
  t.after(() => context.dispose());
  assert.match(await checkDriverContract(ProvdNetworkDriver, context), /advertised_http_url: http:\/\/127\.0\.0\.1:8667/);
  await assert.rejects(checkDriverContract({ generate: () => 'x' }, context), /not a class/);
  await assert.rejects(checkDriverContract(class { generate() { return ''; } }, context), /empty file/);
  await assert.rejects(checkDriverContract(class { generate() { return 3; } }, context), /returned number/);
  let n = 0;
  await assert.rejects(checkDriverContract(class { generate() { return `n=${++n}`; } }, context), /different files/);
  assert.equal(await checkDriverContract(class { async generate() { return 'async ok'; } }, context), 'async ok');
});
