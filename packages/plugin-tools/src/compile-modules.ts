/**
 * TypeScript never ships: the family's hooks module and a plugin's `entry.ts` are compiled to
 * `.js` (ES modules: every bundle has `"type": "module"`) with their relative imports inlined, and
 * every other `.ts` file is left out. Packages stay imports (hooks get the SDK as an argument and
 * import only its types). Same input and esbuild version → same bytes, wherever the folder is
 * (tsconfig.json files around it are not read).
 */
import { join, resolve } from 'node:path';
import { build, type Message } from 'esbuild';
import type { Finding } from './errors.js';

const TS = /\.(?:c|m)?ts$/;
const ENTRY_SOURCES = new Set(['entry.ts', 'entry.mts']);

/** `hooks.ts` → `hooks.js`, `entry.mts` → `entry.mjs`. */
export function compiledName(path: string): string {
  return path.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs');
}

function finding(path: string, m: Message): Finding {
  return { file: m.location?.file ?? path, line: m.location?.line, message: `cannot compile: ${m.text}` };
}

/**
 * Replaces the TypeScript modules of `files` (a target's bundle content) by their compiled form.
 * `hooksFile` is family.yml's `hooks` (null without one). Compile errors go to `findings`.
 */
export async function compileModules(files: Map<string, Buffer>, sourceDir: string, hooksFile: string | null, findings: Finding[]): Promise<void> {
  const sources = [...files.keys()].filter((p) => TS.test(p) && !p.endsWith('.d.ts') && (p === hooksFile || ENTRY_SOURCES.has(p)));
  const root = resolve(sourceDir);
  for (const path of sources) {
    try {
      const out = await build({
        absWorkingDir: root,
        entryPoints: [join(root, path)],
        bundle: true,
        packages: 'external',
        format: 'esm',
        platform: 'node',
        target: 'node20',
        charset: 'utf8',
        legalComments: 'none',
        // no tsconfig.json of the surroundings: the same folder compiles the same wherever it is
        tsconfigRaw: {},
        write: false,
        logLevel: 'silent',
      });
      files.set(compiledName(path), Buffer.from(out.outputFiles[0].contents));
    } catch (err) {
      const errors = (err as { errors?: Message[] }).errors;
      if (!errors) throw err;
      findings.push(...errors.map((m) => finding(path, m)));
    }
  }
  for (const path of [...files.keys()]) if (TS.test(path)) files.delete(path);
}
