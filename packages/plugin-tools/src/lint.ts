/**
 * `dialtone-plugin lint`: every problem of a plugin source with its file, line and field —
 * schemas (build.yml, plugin-info, family.yml, test/identify.yml), hooks that load, every template
 * compiled, models cross-checked against the identification declarations, pkgs.db sections and
 * references, and (with `against`) a changed bundle whose version was not bumped.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Environment, DictLoader, TemplateError } from '@dialtone/jinja';
import { compileFamilyWithHooks, extractWithRules, isSdkError, parseFamilyYaml, parsePkgsDb, type DeviceInfo, type Family } from '@dialtone/plugin-sdk';
import { makeBundle } from './bundle.js';
import { ToolError, type Finding } from './errors.js';
import { fetchChannelDb } from './repository.js';
import { parseScenarios, SCENARIOS_FILE, toProvRequest } from './scenarios.js';
import { compiledName } from './compile-modules.js';
import { hooksFileOf, readSource, renderTarget, substitute, type RenderedTarget } from './source.js';
import { compareVersions } from './version.js';
import { yamlLineOf } from './yaml-lines.js';
import type { PluginsDb } from './plugins-db.js';

export interface LintOptions {
  /** A published channel (folder or http(s) URL holding plugins.db) to check versions against. */
  readonly against?: string;
}

const TEMPLATE_REF = /\{%-?\s*(?:extends|include|import|from)\s+(['"])([^'"]+)\1/g;

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function lintTemplates(t: RenderedTarget, findings: Finding[]): Set<string> {
  const sources: Record<string, string> = {};
  const names = new Set<string>();
  for (const [path, content] of t.files) {
    const m = /^(?:var\/)?templates\/(.+)$/.exec(path);
    if (!m) continue;
    names.add(m[1]);
    // var/templates (admin overrides) shadow templates/, like the search path
    if (!path.startsWith('var/') && sources[m[1]] !== undefined) continue;
    sources[m[1]] = content.toString('utf8');
  }
  const env = new Environment({ loader: new DictLoader(sources) });
  for (const [path, content] of t.files) {
    const m = /^(?:var\/)?templates\/(.+)$/.exec(path);
    if (!m) continue;
    const text = content.toString('utf8');
    try {
      env.compileModule(text, m[1], path);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      findings.push({ file: path, line: err.lineno ?? undefined, message: `template syntax error: ${(err as Error & { description?: string }).description ?? err.message}` });
      continue;
    }
    for (const ref of text.matchAll(TEMPLATE_REF)) {
      if (!names.has(ref[2])) findings.push({ file: path, line: lineAt(text, ref.index), field: ref[2], message: 'refers to a template that does not exist' });
    }
  }
  return names;
}

function lintFamilyFiles(family: Omit<Family, 'hooks'>, templates: Set<string>, familyText: string, findings: Finding[]): void {
  const say = (field: string, message: string) => findings.push({ file: 'family.yml', line: yamlLineOf(familyText, field), field, message });
  const check = (specs: Family['files'], key: string, device: boolean) =>
    specs.forEach((spec, i) => {
      if (spec.templates === null) {
        if (device && !templates.has('base.tpl')) say(`${key}[${i}].name`, 'no templates given and no templates/base.tpl to fall back to');
        return;
      }
      const fixed = spec.templates.filter((p) => p.placeholders.size === 0).map((p) => p.source);
      if (fixed.length > 0 && !fixed.some((n) => templates.has(n))) say(`${key}[${i}].templates`, `none of ${fixed.join(', ')} exists under templates/`);
    });
  check(family.files, 'files', true);
  check(family.commonFiles, 'common_files', false);
  for (const kind of ['dhcp', 'http', 'tftp'] as const) {
    family.identify[kind].forEach((rule, i) => {
      const model = rule.set.model;
      if (model !== undefined && !Object.hasOwn(family.models, model)) say(`identify.${kind}[${i}].set.model`, `model ${model} is not in models`);
    });
  }
}

async function lintScenarios(dir: string, t: RenderedTarget, family: Omit<Family, 'hooks'>, familyText: string, findings: Finding[]): Promise<void> {
  let text: string;
  try {
    text = await readFile(join(dir, SCENARIOS_FILE), 'utf8');
  } catch {
    findings.push({ file: SCENARIOS_FILE, message: 'missing: declare the DHCP/HTTP/TFTP requests of every model (dialtone-plugin new writes one)' });
    return;
  }
  const values = { id: t.id, ...(t.target.firmware === undefined ? {} : { firmware: t.target.firmware }), ...t.target.params };
  text = substitute(text, SCENARIOS_FILE, values, findings);
  const scenarios = parseScenarios(text, findings);
  const covered = new Set(scenarios.map((s) => s.model));
  for (const model of Object.keys(family.models)) {
    if (!covered.has(model)) findings.push({ file: 'family.yml', line: yamlLineOf(familyText, `models.${model}`), field: `models.${model}`, message: `model ${model} has no identification scenario in ${SCENARIOS_FILE}` });
  }
  for (const s of scenarios) {
    const where = `[${s.index}]`;
    if (!Object.hasOwn(family.models, s.model)) {
      findings.push({ file: SCENARIOS_FILE, line: yamlLineOf(text, `${where}.model`), field: `${where}.model`, message: `model ${s.model} is missing from family.yml models` });
      continue;
    }
    const seen: DeviceInfo = {};
    for (const r of s.requests) {
      const req = toProvRequest(s, r);
      if (req.kind === 'dhcp') seen.mac = s.mac;
      const info = extractWithRules(family, req);
      if (info) for (const [k, v] of Object.entries(info)) if (v !== undefined) seen[k] = v;
    }
    for (const [key, want] of Object.entries(s.expect)) {
      if (seen[key] !== want) {
        findings.push({ file: SCENARIOS_FILE, line: yamlLineOf(text, `${where}.requests`), field: `${where}.expect.${key}`, message: `the family's rules give ${key}=${String(seen[key] ?? '(nothing)')}, expected ${want}` });
      }
    }
  }
}

function lintPkgsDb(t: RenderedTarget, findings: Finding[]): void {
  const docs = [...t.files].filter(([p]) => /^pkgs\/[^/]+$/.test(p)).map(([p, c]) => ({ text: c.toString('utf8'), source: p }));
  if (docs.length === 0) return;
  try {
    parsePkgsDb(docs);
  } catch (err) {
    if (!isSdkError(err)) throw err;
    const problems = (err as unknown as { problems?: Array<{ where: string; message: string }> }).problems ?? [{ where: '', message: err.message }];
    for (const p of problems) {
      const m = /^\[([^\]]+)\](?: (.*))?$/.exec(p.where);
      let file = docs[0].source;
      let line: number | undefined;
      if (m) {
        for (const d of docs) {
          const lines = d.text.split('\n');
          const start = lines.findIndex((l) => l.trim() === `[${m[1]}]`);
          if (start === -1) continue;
          file = d.source;
          line = start + 1;
          if (m[2]) {
            const key = m[2].split(' ')[0];
            const k = lines.findIndex((l, i) => i > start && new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[:=]`, 'i').test(l));
            if (k !== -1) line = k + 1;
          }
          break;
        }
      } else {
        const lm = /line (\d+)/.exec(p.where + p.message);
        if (lm) line = Number(lm[1]);
      }
      findings.push({ file, line, field: p.where, message: p.message });
    }
  }
}

async function lintAgainst(t: RenderedTarget, published: PluginsDb, channel: string, findings: Finding[]): Promise<void> {
  const entry = published[t.id];
  if (!entry) return;
  const cmp = compareVersions(t.info.version, entry.version);
  if (cmp < 0) {
    findings.push({ file: 'plugin-info', field: 'version', message: `${t.info.version} is older than ${entry.version} published in ${channel}` });
    return;
  }
  if (cmp > 0) return;
  const bundle = await makeBundle(t);
  if (bundle.entry.sha1sum !== entry.sha1sum) {
    findings.push({ file: 'plugin-info', field: 'version', message: `${t.id} ${t.info.version} is published in ${channel} with other content (sha1 ${entry.sha1sum}): bump the version` });
  }
}

/** Every finding of one source folder (paths relative to it). */
export async function lintSource(dir: string, options: LintOptions = {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  let source;
  try {
    source = await readSource(dir);
  } catch (err) {
    if (err instanceof ToolError) return [...err.findings];
    throw err;
  }
  const published = options.against ? await fetchChannelDb(options.against) : null;
  for (const target of source.targets) {
    const local: Finding[] = [];
    const t = await renderTarget(source, target, local, { strict: true });
    if (t) {
      const templates = lintTemplates(t, local);
      const familyText = t.files.get('family.yml')?.toString('utf8');
      if (t.family && familyText !== undefined) {
        lintFamilyFiles(t.family, templates, familyText, local);
        try {
          await compileFamilyWithHooks(parseFamilyYaml(familyText), dir);
        } catch (err) {
          if (!isSdkError(err)) throw err;
          local.push({ file: 'family.yml', line: yamlLineOf(familyText, 'hooks'), field: 'hooks', message: err.message });
        }
        const hooks = hooksFileOf(familyText);
        if (hooks !== null && compiledName(hooks) !== hooks && source.files.has(compiledName(hooks))) {
          local.push({ file: compiledName(hooks), message: `provd would load it instead of ${hooks}: remove it (build compiles ${hooks})` });
        }
        await lintScenarios(dir, t, t.family, familyText, local);
      }
      lintPkgsDb(t, local);
      if (published) await lintAgainst(t, published, options.against!, local);
    }
    const tag = source.targets.length > 1 ? ` [${target.id}]` : '';
    findings.push(...local.map((f) => ({ ...f, file: f.file + tag })));
  }
  return dedupe(findings);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = JSON.stringify(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export async function lint(dirs: readonly string[], options: LintOptions = {}): Promise<Finding[]> {
  const all: Finding[] = [];
  for (const dir of dirs) all.push(...(await lintSource(dir, options)).map((f) => ({ ...f, file: join(dir, f.file) })));
  return all;
}
