/**
 * plugins/digium as provd installs it: built (build.yml's parameters applied, hooks compiled) into
 * a temp folder named `digium`, so the plugin id stays `digium`. The source folder itself holds
 * `@@firmware_build@@` placeholders and must not be installed as it is.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { copyDigiumPlugin } from '@dialtone/plugin-digium';

export async function stagedDigium(t: TestContext): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'provd-digium-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'digium');
  await copyDigiumPlugin(dir);
  return dir;
}
