import assert from 'node:assert/strict';
import { test } from 'node:test';
import { literalPrefix } from './vendor-classes.js';

test('the literal prefix of a start-anchored option 60 rule', () => {
  assert.equal(literalPrefix('^digium_(?<model>D\\d\\d)_(?<version>[\\d_]+)$'), 'digium_');
  assert.equal(literalPrefix('^yealink\\ SIP-T(?<model>\\d+)'), 'yealink SIP-T');
  assert.equal(literalPrefix('^Cisco\\.SPA(?<model>\\d+[A-Z]?)'), 'Cisco.SPA');
  assert.equal(literalPrefix('^ABCs?x'), 'ABC', 'a character made optional by a quantifier is not required');
  assert.equal(literalPrefix('^abc{2}'), 'ab');
  assert.equal(literalPrefix('^(?:snom|Snom)'), null, 'nothing literal before a group');
  assert.equal(literalPrefix('^ab|cd'), null, 'an alternation makes the prefix optional');
  assert.equal(literalPrefix('digium_'), null, 'not anchored: could be anywhere');
  assert.equal(literalPrefix('^\\d+'), null);
});
