import { errors } from '../errors.js';

/**
 * Decodes the reference's DHCP option encoding: a 3-digit decimal code followed by
 * dot-separated hex bytes, e.g. `"06041.61.73"` → option 60 = `"Aas"` (one char per byte).
 */
export function decodeDhcpOption(encoded: string): [code: number, value: string] {
  const match = /^(\d{3})((?:[0-9a-fA-F]{1,2})(?:\.[0-9a-fA-F]{1,2})*)?$/.exec(encoded);
  if (!match) throw errors.badRequest(`invalid DHCP option ${JSON.stringify(encoded)}: expected a 3-digit code then dot-separated hex bytes`);
  const code = Number(match[1]);
  if (code > 255) throw errors.badRequest(`invalid DHCP option ${JSON.stringify(encoded)}: code ${code} is over 255`);
  const bytes = match[2] ? match[2].split('.').map((h) => parseInt(h, 16)) : [];
  return [code, Buffer.from(bytes).toString('latin1')];
}

export function decodeDhcpOptions(encoded: unknown): Record<number, string> {
  if (!Array.isArray(encoded)) throw errors.badRequest('dhcp_info.options: expected a list of encoded options');
  const options: Record<number, string> = {};
  for (const item of encoded) {
    if (typeof item !== 'string') throw errors.badRequest('dhcp_info.options: every option must be a string');
    const [code, value] = decodeDhcpOption(item);
    options[code] = value;
  }
  return options;
}
