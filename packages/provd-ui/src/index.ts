import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildUiFiles, sourcesMtime, toAssets, writeUi, type UiAsset } from './build.js';

export type { UiAsset };
export { buildUiFiles, writeUi };

/** Where `npm install` puts the built page (see the root package.json's postinstall). */
export const builtUiDir = fileURLToPath(new URL('../dist', import.meta.url));
const FILES = ['index.html', 'app.js', 'app.css'];

/**
 * The page's files, ready to serve (with gzip and ETags): the folder built at install time when
 * it is current, else built now in memory (a development checkout whose sources changed).
 */
export async function loadUiAssets(dir = builtUiDir): Promise<Map<string, UiAsset>> {
  const built = FILES.every((name) => existsSync(join(dir, name)));
  if (built && Math.min(...FILES.map((name) => statSync(join(dir, name)).mtimeMs)) >= sourcesMtime()) {
    return toAssets(new Map(FILES.map((name) => [name, readFileSync(join(dir, name))])));
  }
  return toAssets(await buildUiFiles());
}
