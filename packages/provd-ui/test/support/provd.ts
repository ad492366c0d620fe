import type { TestContext } from 'node:test';
import { startEphemeralProvd, type EphemeralProvd } from '@dialtone/provd/testing';

export const MEDIA = 'application/vnd.proformatique.provd+json';
const digium = new URL('../../../../plugins/digium', import.meta.url).pathname;

export interface UiProvd {
  provd: EphemeralProvd;
  token: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
}

/** A real provd with the Digium family, on loopback, stopped after the test. */
export async function startUiProvd(t: TestContext, plugins: string[] = [digium]): Promise<UiProvd> {
  const provd = await startEphemeralProvd({ plugins });
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
