/** A real provd (ephemeral, loopback) filled over its REST API, for the built-in drivers' tests and the bench. */
import { startEphemeralProvd, type EphemeralProvd } from '@dialtone/provd/testing';

const MEDIA = 'application/vnd.proformatique.provd+json';

export async function provdPost(rest: string, path: string, body: unknown, token?: string): Promise<void> {
  const r = await fetch(`${rest}${path}`, { method: 'POST', headers: { 'content-type': MEDIA, accept: MEDIA, ...(token ? { 'x-auth-token': token } : {}) }, body: JSON.stringify(body) });
  if (r.status !== 201) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
}

export { startEphemeralProvd, type EphemeralProvd };
