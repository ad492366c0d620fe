import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aclAllows, aclPatternMatches, fillAclTemplate, isValidAcl } from './acl.js';

test('* matches one segment, # any number of segments', () => {
  assert.equal(aclPatternMatches('provd.dev_mgr.devices.read', 'provd.dev_mgr.devices.read'), true);
  assert.equal(aclPatternMatches('provd.dev_mgr.devices.*.read', 'provd.dev_mgr.devices.abc.read'), true);
  assert.equal(aclPatternMatches('provd.dev_mgr.devices.*.read', 'provd.dev_mgr.devices.read'), false, '* needs one segment… (empty allowed only between dots)');
  assert.equal(aclPatternMatches('provd.dev_mgr.*', 'provd.dev_mgr.devices.read'), false, '* stops at a dot');
  assert.equal(aclPatternMatches('provd.#', 'provd.dev_mgr.devices.read'), true);
  assert.equal(aclPatternMatches('provd.#', 'confd.users.read'), false);
  assert.equal(aclPatternMatches('#', 'anything.at.all'), true);
  assert.equal(aclPatternMatches('provd.#.read', 'provd.cfg_mgr.configs.x.read'), true);
  assert.equal(aclPatternMatches('provd.#.read', 'provd.cfg_mgr.configs.x.delete'), false);
  assert.equal(aclPatternMatches('provd.dev_mgr.devices.read', 'provdXdev_mgr.devices.read'), false, 'a dot is literal');
});

test('negated ACLs win over granted ones', () => {
  assert.equal(aclAllows(['provd.#', '!provd.dev_mgr.devices.*.delete'], 'provd.dev_mgr.devices.d1.delete'), false);
  assert.equal(aclAllows(['provd.#', '!provd.dev_mgr.devices.*.delete'], 'provd.dev_mgr.devices.d1.read'), true);
  assert.equal(aclAllows([], 'provd.status.read'), false);
  assert.equal(aclAllows(['provd.status.read'], 'provd.status.read'), true);
});

test('ACL syntax', () => {
  for (const ok of ['provd.#', '!provd.dev_mgr.*.read', 'provd.configure.{tenant_uuid}.locale.read']) assert.equal(isValidAcl(ok), true, ok);
  for (const bad of ['', 'provd..x', 'provd.x y', '.provd', 'a'.repeat(600)]) assert.equal(isValidAcl(bad), false, bad);
});

test('templates are filled and values cannot change the ACL shape', () => {
  assert.equal(fillAclTemplate('provd.dev_mgr.devices.{id}.read', { id: 'abc' }), 'provd.dev_mgr.devices.abc.read');
  const dotted = fillAclTemplate('provd.dev_mgr.devices.{id}.read', { id: 'x.y' });
  assert.equal(dotted, 'provd.dev_mgr.devices.x%2Ey.read');
  assert.equal(aclAllows(['provd.dev_mgr.devices.x.#'], dotted), false, 'device "x.y" is not under the grant for device "x"');
  assert.equal(aclAllows(['provd.dev_mgr.devices.*.read'], dotted), true);
  assert.equal(fillAclTemplate('provd.configure.{tenant_uuid}.{param}.read', { tenant_uuid: 't1' }), 'provd.configure.t1._.read');
});
