const CR = 0x0d;
const LF = 0x0a;

/**
 * Converts local (Unix) text to netascii (RFC 764): LF becomes CR LF and a bare
 * CR becomes CR NUL. Byte-local, so chunks convert independently.
 */
export function toNetascii(chunk: Buffer): Buffer {
  let extra = 0;
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i];
    if (b === LF || b === CR) extra++;
  }
  if (extra === 0) return chunk;
  const out = Buffer.allocUnsafe(chunk.length + extra);
  let o = 0;
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i];
    if (b === LF) {
      out[o++] = CR;
      out[o++] = LF;
    } else if (b === CR) {
      out[o++] = CR;
      out[o++] = 0;
    } else {
      out[o++] = b;
    }
  }
  return out;
}

/** The inverse, for clients and tests: CR LF → LF, CR NUL → CR; `pendingCr` carries a CR split across chunks. */
export function fromNetascii(chunk: Buffer, state: { pendingCr: boolean }): Buffer {
  const out = Buffer.allocUnsafe(chunk.length + 1);
  let o = 0;
  let i = 0;
  if (state.pendingCr && chunk.length > 0) {
    state.pendingCr = false;
    const b = chunk[0];
    if (b === LF) out[o++] = LF;
    else if (b === 0) out[o++] = CR;
    else {
      out[o++] = CR;
      out[o++] = b;
    }
    i = 1;
  }
  for (; i < chunk.length; i++) {
    const b = chunk[i];
    if (b !== CR) {
      out[o++] = b;
      continue;
    }
    if (i + 1 === chunk.length) {
      state.pendingCr = true;
      break;
    }
    const next = chunk[++i];
    if (next === LF) out[o++] = LF;
    else if (next === 0) out[o++] = CR;
    else {
      out[o++] = CR;
      out[o++] = next;
    }
  }
  return out.subarray(0, o);
}
