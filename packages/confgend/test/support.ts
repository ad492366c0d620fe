/** Test helpers: temporary folders, config folders, driver packages built and installed with npm. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { stringify } from 'yaml';

export const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));

export function tempDir(t: TestContext, prefix = 'confgend-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeFile(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** A config folder with config.yml and conf.d files given as objects. */
export function configDir(root: string, files: { config?: Record<string, unknown>; confd?: Record<string, Record<string, unknown>> }): string {
  const dir = join(root, 'etc');
  mkdirSync(join(dir, 'conf.d'), { recursive: true });
  if (files.config) writeFile(join(dir, 'config.yml'), stringify(files.config));
  for (const [name, doc] of Object.entries(files.confd ?? {})) writeFile(join(dir, 'conf.d', name), stringify(doc));
  return dir;
}

/** Builds a fixture driver package (TypeScript sources → dist/*.js with the TypeScript compiler). */
export function buildPackage(t: TestContext, fixture: string): string {
  const staging = join(tempDir(t, 'confgend-pkg-'), fixture);
  cpSync(join(fixtures, fixture), staging, { recursive: true });
  const srcDir = join(staging, 'src');
  for (const name of ['driver.ts']) {
    const source = readFileSync(join(srcDir, name), 'utf8');
    const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
    writeFile(join(staging, 'dist', name.replace(/\.ts$/, '.js')), out.outputText);
  }
  return staging;
}

/** `npm pack` then `npm install <tarball>` into a new project; returns its node_modules folder. */
export function installPackage(t: TestContext, packageDir: string): string {
  const project = tempDir(t, 'confgend-project-');
  writeFile(join(project, 'package.json'), JSON.stringify({ name: 'confgend-test-project', private: true, version: '1.0.0' }));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], { cwd: packageDir, encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync('npm', ['install', '--silent', '--offline', '--no-audit', '--no-fund', '--no-package-lock', join(project, tarball)], { cwd: project, stdio: 'pipe' });
  return join(project, 'node_modules');
}
