import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixturePlugin } from '../../test/fixtures.js';
import { isSdkError, TemplateNotFoundError } from '../errors.js';
import { createTemplateHelper, deviceTemplateCandidates } from './helper.js';

test('device candidates: <file>.tpl, <model>.tpl, base.tpl', () => {
  assert.deepEqual(deviceTemplateCandidates('Digium/000fd3054848.cfg', { model: 'D70' }), ['000fd3054848.cfg.tpl', 'D70.tpl', 'base.tpl']);
  assert.deepEqual(deviceTemplateCandidates('a.cfg', {}), ['a.cfg.tpl', 'base.tpl']);
  assert.deepEqual(deviceTemplateCandidates('a.cfg', { model: '../etc' }), ['a.cfg.tpl', 'base.tpl'], 'a model is not a path');
});

test('resolve: overrides in var/templates first, then templates; unsafe names never match', () => {
  const dir = fixturePlugin('acme');
  const helper = createTemplateHelper({ dir });
  assert.deepEqual(helper.searchPath, [join(dir, 'var', 'templates'), join(dir, 'templates')]);
  assert.equal(helper.resolve(['000fd3054848.cfg.tpl', 'A1.tpl', 'base.tpl']), 'A1.tpl');
  assert.equal(helper.resolve(['000fd3054848.cfg.tpl', 'A9.tpl', 'base.tpl']), 'base.tpl');
  assert.equal(helper.resolve('common.tpl'), 'common.tpl');
  assert.throws(() => helper.resolve(['../plugin-info', '/etc/passwd', 'nope.tpl']), (err) => err instanceof TemplateNotFoundError && isSdkError(err, 'DT_ERR_TEMPLATE_NOT_FOUND') && /nope\.tpl/.test(err.message));
});
