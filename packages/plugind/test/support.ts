import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { pino } from 'pino';
import { createPlugind, type Plugind, type PlugindOptions } from '../src/index.js';
import type { JobEvent } from '../src/pipeline/jobs.js';

export interface PluginSpec {
  namespace?: string;
  name?: string;
  version?: string;
  format?: number;
  depends?: { namespace: string; name: string }[];
  /** Extra plugin.yml text. */
  yml?: string;
  /** Replaces plugin.yml entirely. */
  rawYml?: string;
  /** Makes one rules command exit 1. */
  failAt?: 'build' | 'package' | 'install' | 'uninstall';
  /** Shell run by `rules build` (e.g. a sleep). */
  buildScript?: string;
}

/** A scratch folder removed after the test. */
export function scratch(t: TestContext, prefix = 'plugind-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A fake `asterisk` first on PATH that records its arguments in `<dir>/asterisk.log` (Asterisk is
 * not installed here; the hook calls it like the seed's rules do).
 */
export function fakeAsterisk(dir: string): string {
  const bin = join(dir, 'fakebin');
  mkdirSync(bin, { recursive: true });
  const log = join(dir, 'asterisk.log');
  writeFileSync(join(bin, 'asterisk'), `#!/bin/sh\necho "$*" >> '${log}'\n`, { mode: 0o755 });
  if (!process.env.PATH?.startsWith(bin)) process.env.PATH = `${bin}:${process.env.PATH}`;
  return log;
}

/**
 * The seed's hello-world plugin (extension ***42 into extensions_extra.d, `asterisk -x 'dialplan
 * reload'` in install) as a git repository, with each hook also noted in `<repo>.hooks.log`.
 */
export function makePluginRepo(dir: string, spec: PluginSpec = {}, sub?: string): { url: string; hooksLog: string; repo: string } {
  const ns = spec.namespace ?? 'demo';
  const name = spec.name ?? 'helloworld';
  const repo = join(dir, `repo-${ns}-${name}-${Math.random().toString(36).slice(2, 8)}`);
  const root = sub ? join(repo, sub) : repo;
  mkdirSync(join(root, 'wazo'), { recursive: true });
  const hooksLog = `${repo}.hooks.log`;
  const yml =
    spec.rawYml ??
    [
      `namespace: ${ns}`,
      `name: ${name}`,
      'description: Adds the extension "***42" to you dialplan to greet users',
      `version: ${spec.version ?? '0.0.1'}`,
      `plugin_format_version: ${spec.format ?? 0}`,
      ...(spec.depends?.length ? ['depends:', ...spec.depends.flatMap((d) => [`  - name: ${d.name}`, `    namespace: ${d.namespace}`])] : []),
      spec.yml ?? '',
    ].join('\n');
  writeFileSync(join(root, 'wazo', 'plugin.yml'), `${yml}\n`);
  const fail = (cmd: string) => (spec.failAt === cmd ? `        echo "${cmd} failed on purpose" >&2; exit 1\n` : '');
  const note = (cmd: string) => `        echo "${cmd} $(pwd) root=\${PLUGIND_ROOT:-}" >> '${hooksLog}'\n`;
  writeFileSync(
    join(root, 'wazo', 'rules'),
    `#!/bin/sh
case "$1" in
    build)
${fail('build')}${spec.buildScript ? `        ${spec.buildScript}\n` : ''}        ;;
    package)
${fail('package')}        mkdir -p \${pkgdir}/etc/asterisk/extensions_extra.d
        cp ${name}.conf \${pkgdir}/etc/asterisk/extensions_extra.d/
        ;;
    install)
${note('install')}${fail('install')}        asterisk -x 'dialplan reload'
        ;;
    uninstall)
${note('uninstall')}${fail('uninstall')}        ;;
    postrm)
${note('postrm')}        ;;
    *)
        echo "$0 called with unknown argument '$1'" >&2
        exit 1
        ;;
esac
`,
  );
  chmodSync(join(root, 'wazo', 'rules'), 0o755);
  writeFileSync(join(root, `${name}.conf`), '[xivo-extrafeatures]\nexten = ***42,1,Playback(hello-world)\nsame = n,Return()\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'plugin');
  return { url: `file://${repo}`, hooksLog, repo };
}

/** Adds a commit with a new version on a new branch of an existing repo. */
export function addVersionBranch(repo: string, branch: string, version: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  git('checkout', '-q', '-b', branch);
  const yml = join(repo, 'wazo', 'plugin.yml');
  writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^version: .*$/m, `version: ${version}`));
  git('commit', '-q', '-am', version);
  git('checkout', '-q', 'main');
}

export const hooks = (log: string): string[] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ')[0]!) : []);

export interface Running {
  plugind: Plugind;
  url: string;
  port: number;
  token: string;
  dataDir: string;
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  /** Waits for a top-level job to end; returns its events (its own and its dependency jobs'). */
  wait(uuid: string): Promise<JobEvent[]>;
}

/** plugind on port 0 with an admin token, closed after the test. */
export async function startPlugind(t: TestContext, dir: string, opts: Partial<PlugindOptions> = {}): Promise<Running> {
  const dataDir = join(dir, 'data');
  const plugind = createPlugind({ dataDir, port: 0, prefix: join(dir, 'prefix'), logger: pino({ level: 'silent' }), timeouts: { build: 20_000 }, ...opts });
  const { port, url } = await plugind.listen();
  t.after(() => plugind.close());
  const token = readFileSync(plugind.adminTokenFile, 'utf8').trim();
  const api = async <T>(method: string, path: string, body?: unknown, tok = token) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'x-auth-token': tok, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  const wait = async (uuid: string) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = plugind.service.jobs.get(uuid);
      if (job?.finishedAt) return [...job.events];
      if (Date.now() > deadline) throw new Error(`job ${uuid} did not finish`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { plugind, url, port, token, dataDir, api, wait };
}

export const statuses = (events: JobEvent[], uuid?: string) => events.filter((e) => !uuid || e.uuid === uuid).map((e) => e.status);
