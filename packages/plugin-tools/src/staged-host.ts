import { after, before } from 'node:test';
import { createTestHost, type TestHost } from '@dialtone/plugin-sdk/testing';
import { stageTemp } from './stage.js';

export interface StagedTestHost {
  /** The test host of the built plugin (available once node:test's `before` has run). */
  readonly host: TestHost;
}

/**
 * Registers node:test hooks that build a plugin source folder as provd installs it (stageTemp),
 * load it in a test host before the file's tests, and remove both after them.
 */
export function stagedTestHost(pluginDir: string, id: string): StagedTestHost {
  let host: TestHost | undefined;
  let staged: Awaited<ReturnType<typeof stageTemp>> | undefined;
  before(async () => {
    staged = await stageTemp(pluginDir, id);
    host = await createTestHost(staged.dir, { id });
  });
  after(async () => {
    await host?.close();
    await staged?.remove();
  });
  return {
    get host(): TestHost {
      if (!host) throw new Error('stagedTestHost: the host exists only inside tests (after before())');
      return host;
    },
  };
}
