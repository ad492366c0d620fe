import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { copyDigiumPlugin } from '@dialtone/plugin-digium';
import { startEphemeralProvd, type EphemeralProvd } from '@dialtone/provd/testing';

export const MEDIA = 'application/vnd.proformatique.provd+json';

export interface UiProvd {
  provd: EphemeralProvd;
  token: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
}

/** plugins/digium built as provd installs it (build parameters applied), as plugin `digium`. */
async function stagedDigium(t: TestContext): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'provd-ui-digium-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await copyDigiumPlugin(join(root, 'digium'));
  return join(root, 'digium');
}

/** A real provd with the Digium family (or the given plugin folders), on loopback, stopped after the test. */
export async function startUiProvd(t: TestContext, plugins?: string[]): Promise<UiProvd> {
  const provd = await startEphemeralProvd({ plugins: plugins ?? [await stagedDigium(t)] });
  t.after(() => provd.close());
  const token = provd.adminToken;
  return {
    provd,
    token,
    async call(method, path, body) {
      const response = await fetch(`${provd.rest}${path}`, {
        method,
        headers: { accept: MEDIA, 'x-auth-token': token, ...(body === undefined ? {} : { 'content-type': MEDIA }) },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    },
  };
}
