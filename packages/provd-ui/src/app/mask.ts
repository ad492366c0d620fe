/** Secrets are masked before anything is shown: passwords, keys, tokens, at any depth. */
const SECRET = /(password|passwd|secret|token|_key$|^key$)/i;

export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = SECRET.test(key) && inner !== null && inner !== '' && typeof inner !== 'object' ? '••••••' : maskSecrets(inner);
    return out;
  }
  return value;
}
