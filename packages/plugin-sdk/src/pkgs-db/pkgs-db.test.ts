import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidDocumentError, isSdkError } from '../errors.js';
import { parsePkgsDb } from './pkgs-db.js';

const DIGIUM = `
[pkg_firmware]
description: Firmware for all Digium phones
description_fr: Micrologiciel pour tous les téléphones Digium
version: 1.4.0.0
files: firmware
install: digium-fw


[install_digium-fw]
a-b: untar $FILE1
b-c: cp */*.eff Digium/firmware/


[file_firmware]
url: https://downloads.digium.com/pub/telephony/res_digium_phone/firmware/firmware_1_4_0_0_package.tar.gz
size: 101303480
sha1sum: 626273aaf6dd33e1927f3acb4a90f86a6e4e9f25
`;

test('the seed Digium pkgs.db', () => {
  const db = parsePkgsDb(DIGIUM);
  assert.deepEqual(db.packages.firmware, {
    id: 'firmware',
    description: 'Firmware for all Digium phones',
    descriptions: { fr: 'Micrologiciel pour tous les téléphones Digium' },
    version: '1.4.0.0',
    files: ['firmware'],
    install: { id: 'digium-fw', args: [] },
    depends: [],
    extra: {},
  });
  assert.equal(db.files.firmware.filename, 'firmware_1_4_0_0_package.tar.gz');
  assert.equal(db.files.firmware.size, 101303480);
  assert.equal(db.files.firmware.downloader, 'default');
  assert.deepEqual(db.installs['digium-fw'].steps, [
    { src: 'a', dst: 'b', command: 'untar', args: ['$FILE1'] },
    { src: 'b', dst: 'c', command: 'cp', args: ['*/*.eff', 'Digium/firmware/'] },
  ]);
});

test('install steps come out in graph order with fan-out', () => {
  const db = parsePkgsDb(`
[pkg_p]
files: f
install: i x y
[file_f]
url:
filename: manual.zip
size: 1
sha1sum: ${'a'.repeat(40)}
[install_i]
b-d: cp * out/
a-b: unzip $FILE1
b-c: include *.bin
c-e: cp $ARG2 out/
`);
  assert.deepEqual(db.installs.i.steps.map((s) => `${s.src}-${s.dst}`), ['a-b', 'b-d', 'b-c', 'c-e']);
  assert.equal(db.files.f.url, '');
  assert.deepEqual(db.packages.p.install, { id: 'i', args: ['x', 'y'] });
});

test('every problem is reported with its section and key', () => {
  const text = `
[pkg_p]
files: f missing
install: nope
depends: ghost
[pkg_q]
files: f
install: i
[file_f]
url: not a url
size: big
sha1sum: 123
[file_g]
url: http://h/dir/
size: 1
sha1sum: ${'b'.repeat(40)}
[install_i]
a-b: unzip $FILE2
b-c: explode x
c-a: cp x y
x-y: cp a b/
b-z: cp $WHAT ../up
[weird_section]
k: v
`;
  try {
    parsePkgsDb([{ text, source: 'pkgs/pkgs.db' }]);
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof InvalidDocumentError && isSdkError(err, 'DT_ERR_PKGS_DB_INVALID'));
    const got = err.problems.map((p) => `${p.where} | ${p.message}`);
    const expect = [
      '[file_f] url',
      '[file_f] size',
      '[file_f] sha1sum',
      '[file_g] filename',
      '[install_i] b-c | unknown command "explode"',
      '[install_i] c-a | "a" holds the downloaded files',
      '[install_i] b-z | unknown variable $WHAT',
      '[install_i] b-z | path escapes the work folder: ../up',
      '[install_i] x-y | not reachable from "a"',
      '[weird_section] | unknown section',
      '[pkg_p] files | no section [file_missing]',
      '[pkg_p] depends | no section [pkg_ghost]',
      '[pkg_p] install | no section [install_nope]',
      '[pkg_q] install | install_i a-b uses $FILE2 but the package has 1',
    ];
    for (const e of expect) assert.ok(got.some((g) => g.startsWith(e)), `missing: ${e}\n got:\n${got.join('\n')}`);
    assert.match(err.message, /^pkgs\/pkgs\.db is invalid:/);
  }
});

test('cache names must be unique and plain', () => {
  const sha = 'c'.repeat(40);
  assert.throws(
    () => parsePkgsDb(`[file_a]\nurl: http://h/x.zip\nsize: 1\nsha1sum: ${sha}\n[file_b]\nurl: http://other/x.zip\nsize: 1\nsha1sum: ${sha}\n[file_c]\nurl:\nfilename: ../x\nsize: 1\nsha1sum: ${sha}`),
    (err) => err instanceof InvalidDocumentError && err.problems.length === 2 && err.problems.some((p) => p.where === '[file_c] filename'),
  );
});
