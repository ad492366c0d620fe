/**
 * `dialtone-plugin new <family>`: a family source folder that builds, lints and passes its own
 * test from the first minute — two models, DHCP/HTTP/TFTP identification rules and their
 * declarations, one template, one golden fixture (rendered at creation), a test file.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ToolError, ToolErrorCode } from './errors.js';
import { testSources } from './test-run.js';

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function files(name: string): Record<string, string> {
  const vendor = name.split('-').map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  const models = ['M100', 'M200'];
  const macs = ['00:11:22:33:44:01', '00:11:22:33:44:02'];
  const flat = (mac: string) => mac.replaceAll(':', '');
  return {
    'plugin-info': `${JSON.stringify(
      {
        version: '0.1.0',
        description: `Plugin for ${vendor} ${models.join(' and ')} in version @@firmware@@.`,
        plugin_iface_version_min: 1,
        plugin_iface_version_max: 1,
      },
      null,
      2,
    )}\n`,
    'build.yml': `# One plugin per firmware: each target's params replace @@name@@ in plugin-info, family.yml,
# pkgs/ and test/identify.yml. Add a target to build the same family for another firmware.
targets:
  - id: ${name}-1.0
    firmware: '1.0'
    params: { firmware_build: 1.0.0 }
`,
    'family.yml': `# ${vendor} phones (see docs/reference/family-yml.md). The models below are the one model list:
# plugin-info's capabilities are generated from them by dialtone-plugin build.
vendor: ${vendor}

models:
${models.map((m, i) => `  ${m}: { lines: ${2 * (i + 1)}, function_keys: ${6 * (i + 1)}, expansion_modules: 0, high_availability: true, switchboard: false, type: deskphone, protocol: sip }`).join('\n')}

identify:
  dhcp:
    # option 60: ${name}_M100_1.0.0
    - match: '^${name}_(?<model>M\\d+)_(?<version>[\\d.]+)$'
  http:
    # User-Agent: ${vendor}-M100/1.0.0 (00:11:22:33:44:01)
    - user_agent: '^${vendor}-(?<model>M\\d+)/(?<version>[\\d.]+) \\((?<mac>[0-9a-fA-F:]{17})\\)$'
    - path: '^/${name}/(?<mac>[0-9a-f]{12})\\.cfg$'
  tftp:
    - filename: '^/?${name}/(?<mac>[0-9a-f]{12})\\.cfg$'

association:
  versions: ['@@firmware_build@@']

files:
  # templates: <mac>.cfg.tpl → <model>.tpl → base.tpl (var/templates first)
  - name: '${name}/{{ mac }}.cfg'

sensitive_files: '^[0-9a-f]{12}\\.cfg$'
remote_state_trigger: '{{ mac }}.cfg'

transforms:
  locale: true
  timezone: true
`,
    'templates/base.tpl': `# ${vendor} configuration for {{ XX_mac }}
{%- for line in XX_sip_lines %}
{%- if line.no <= (XX_capabilities.lines or 99) %}
line{{ line.no }}.user = {{ line.username }}
line{{ line.no }}.auth = {{ line.auth_username }}
line{{ line.no }}.password = {{ line.password }}
line{{ line.no }}.display = {{ line.display_name }}
line{{ line.no }}.server = {{ line.proxy_ip }}:{{ line.proxy_port or 5060 }}
{%- endif %}
{%- endfor %}
{%- for key in XX_funckeys %}
key{{ key.no }} = {{ key.type }},{{ key.value }},{{ key.label or key.value }},{{ key.line }}
{%- endfor %}
{%- if XX_locale %}
language = {{ XX_language }}
{%- endif %}
{%- if XX_timezone %}
tz.offset = {{ XX_timezone.utcoffset.as_minutes }}
{%- endif %}
provisioning.url = {{ XX_server_url }}/${name}/
`,
    'pkgs/pkgs.db': `# Firmware packages (xivo-fetchfw format). Fill size and sha1sum with: dialtone-plugin check-fw . --fill
[pkg_firmware]
description: ${vendor} firmware @@firmware_build@@
version: @@firmware_build@@
files: firmware
install: ${name}-fw

[install_${name}-fw]
a-b: cp $FILE1 ${name}/firmware/

[file_firmware]
url: https://firmware.example.invalid/${name}/fw-@@firmware_build@@.rom
size: 0
sha1sum: 0000000000000000000000000000000000000000
`,
    'test/identify.yml': `# What each model sends when it boots, and what provd must conclude. dialtone-plugin lint checks
# these against the rules; dialtone-plugin test replays them through a real provd.
${models
  .map(
    (m, i) => `- model: ${m}
  mac: '${macs[i]}'
  requests:
    - dhcp: { vendor_class: ${name}_${m}_@@firmware_build@@ }
    - http: { path: /${name}/${flat(macs[i])}.cfg, user_agent: '${vendor}-${m}/@@firmware_build@@ (${macs[i]})' }
    - tftp: ${name}/${flat(macs[i])}.cfg
  expect: { vendor: ${vendor}, model: ${m}, version: '@@firmware_build@@', mac: '${macs[i]}' }
  fetch: [${name}/${flat(macs[i])}.cfg, 'tftp:${name}/${flat(macs[i])}.cfg']`,
  )
  .join('\n')}
`,
    'test/fixtures/two-lines.json': `${JSON.stringify(
      {
        description: 'M100 with two lines, function keys 10 and 2 (numeric order), French locale, Paris time',
        device: { id: 'fixture-1', mac: macs[0], vendor, model: models[0], version: '1.0.0' },
        raw: {
          locale: 'fr_FR',
          timezone: 'Europe/Paris',
          sip_lines: {
            '1': { username: '1001', password: 'secret-1', display_name: 'Alice', proxy_ip: '10.0.0.10' },
            '2': { username: '1002', password: 'secret-2', display_name: 'Bob', proxy_ip: '10.0.0.10' },
          },
          funckeys: { '10': { type: 'blf', value: '1010', label: 'Carol' }, '2': { type: 'speeddial', value: '1002' } },
        },
      },
      null,
      2,
    )}\n`,
    'test/plugin.test.ts': `/** lint, golden files and simulated boots, as dialtone-plugin runs them. */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { formatFinding, formatTestReport, lintSource, testSources } from '@dialtone/plugin-tools';

const source = fileURLToPath(new URL('..', import.meta.url));

test('lint: no finding', async () => {
  assert.deepEqual((await lintSource(source)).map(formatFinding), []);
});

test('golden files and simulated boots of every model', async () => {
  const report = await testSources([source]);
  assert.ok(report.passed, formatTestReport(report).join('\\n'));
});
`,
    'package.json': `${JSON.stringify(
      { name: `@dialtone/plugin-${name}`, version: '0.1.0', private: true, type: 'module', description: `Dialtone provd plugin for ${vendor} phones`, dependencies: { '@dialtone/plugin-sdk': '*', '@dialtone/plugin-tools': '*' } },
      null,
      2,
    )}\n`,
    'README.md': `# ${vendor} (provd plugin)

Written as data: [family.yml](family.yml) (models, identification, files), [templates/](templates),
[pkgs/pkgs.db](pkgs/pkgs.db); [build.yml](build.yml) lists the firmware versions built.

\`\`\`sh
dialtone-plugin lint .            # every problem with file:line
dialtone-plugin test .            # golden files + simulated boots through provd (--update to accept new output)
dialtone-plugin build . --out ../../build/repository
\`\`\`

See docs/guides/writing-a-plugin.md.
`,
  };
}

/** Creates `<parent>/<name>/` and renders its golden files. Refuses a bad name or an existing folder. */
export async function scaffold(name: string, parent: string): Promise<{ dir: string; files: string[] }> {
  if (!NAME.test(name)) throw new ToolError(ToolErrorCode.USAGE, `new: "${name}" is not a family name (lower-case letters and digits, "-" between words)`);
  const dir = resolve(parent, name);
  if (await stat(dir).then(() => true, () => false)) throw new ToolError(ToolErrorCode.EXISTS, `new: ${dir} already exists`);
  const content = files(name);
  for (const [path, text] of Object.entries(content)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await testSources([dir], { update: true, goldenOnly: true });
  return { dir, files: Object.keys(content).sort() };
}
