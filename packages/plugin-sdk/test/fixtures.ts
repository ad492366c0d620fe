import { fileURLToPath } from 'node:url';

/** Absolute path of a fixture plugin folder. */
export function fixturePlugin(name: string): string {
  return fileURLToPath(new URL(`./fixtures/plugins/${name}`, import.meta.url));
}
