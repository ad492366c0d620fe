import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPjsipConf, parseConf, PjsipSyntaxError } from './parse.js';

test('the syntax: sections, templates, comments, escaped semicolons, => and directives', () => {
  const text = [
    '; a comment',
    '#include extra.conf',
    '[base](!)',
    'type = endpoint',
    'context = default ; trailing comment',
    ';-- a block',
    'comment --;',
    '[1001](base)',
    'callerid = "A\\;B" <1001>',
    'allow => ulaw',
    'allow = alaw',
  ].join('\n');
  const parsed = parseConf(text);
  assert.deepEqual(parsed.directives, [{ line: 2, text: '#include extra.conf' }]);
  assert.equal(parsed.sections.length, 2);
  assert.equal(parsed.sections[0].isTemplate, true);
  assert.deepEqual(parsed.sections[1].inherits, ['base']);
  assert.deepEqual(parsed.sections[1].options.map((o) => [o.key, o.value]), [['callerid', '"A;B" <1001>'], ['allow', 'ulaw'], ['allow', 'alaw']]);
  const [endpoint] = loadPjsipConf(text);
  assert.equal(endpoint.type, 'endpoint');
  assert.deepEqual(endpoint.options.get('context'), ['default']);
  assert.deepEqual(endpoint.options.get('allow'), ['ulaw', 'alaw']);
});

test('what res_pjsip would refuse is refused with the line', () => {
  const bad: [string, RegExp][] = [
    ['[a\ntype = endpoint', /malformed section header/],
    ['key = v', /outside any section/],
    ['[a]\njust words', /expected "key = value"/],
    ['[a]\ncontext = x', /has no type/],
    ['[a]\ntype = phone', /unknown type phone/],
    ['[a]\ntype = endpoint\nauht = a', /unknown option auht/],
    ['[a]\ntype = endpoint\nauth = a', /auth = a names no auth/],
    ['[a]\ntype = aor\n[a]\ntype = aor', /second aor/],
    ['[a](nope)\ntype = aor', /unknown template nope/],
    ['[a]\ntype = auth\npassword = x', /userpass without username/],
    ['[a]\ntype = aor\n;-- open', /unterminated/],
    ['[a]\ntype = aor\ncontact = sip:x\x01', /control character/],
    ['#define x', /unknown directive/],
  ];
  for (const [text, re] of bad) assert.throws(() => loadPjsipConf(text), (e) => e instanceof PjsipSyntaxError && re.test(e.message), text);
  // the same name for an endpoint, an auth and an aor is allowed (distinct object types)
  assert.equal(loadPjsipConf('[a]\ntype = endpoint\nauth = a\naors = a\n[a]\ntype = auth\nusername = a\n[a]\ntype = aor').length, 3);
});
