import type { IncomingMessage } from 'node:http';

/** The largest form a provisioning POST may carry (Jitsi sends a few hundred bytes). */
export const MAX_FORM_BYTES = 8 * 1024;

export type FormBody = { ok: true; query: string } | { ok: false; status: 400 | 411 | 413 | 415; message: string };

/**
 * Reads the url-encoded form of a provisioning POST (some softphones, Jitsi among them, POST their
 * parameters instead of a GET query). The body is bounded by its declared length: a POST without
 * Content-Length, of another media type or over MAX_FORM_BYTES is refused before anything is read.
 */
export function readFormBody(req: IncomingMessage): Promise<FormBody> | FormBody {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return { ok: false, status: 415, message: 'Only url-encoded forms may be posted' };
  const declared = req.headers['content-length'];
  if (declared === undefined) return { ok: false, status: 411, message: 'Content-Length required' };
  const length = Number(declared);
  if (!Number.isInteger(length) || length < 0) return { ok: false, status: 400, message: 'Malformed Content-Length' };
  if (length > MAX_FORM_BYTES) return { ok: false, status: 413, message: `Form larger than ${MAX_FORM_BYTES} bytes` };
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > length) {
        req.destroy();
        resolve({ ok: false, status: 400, message: 'Body longer than its Content-Length' });
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      if (/[^\x20-\x7e]/.test(text)) resolve({ ok: false, status: 400, message: 'A url-encoded form is printable ASCII' });
      else resolve({ ok: true, query: text });
    });
    req.on('error', () => resolve({ ok: false, status: 400, message: 'Body not received' }));
  });
}
