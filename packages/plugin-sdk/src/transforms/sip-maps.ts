/**
 * SIP setting mappings: the raw config's DTMF, SRTP and transport values (provd's vocabulary) to a
 * vendor's, with per-line values falling back to the globals, unknown values reported instead of
 * passed through, and the transport's default port.
 */
import type { RawConfig, SipLine } from '../device.js';

export const DTMF_MODES = ['RTP-in-band', 'RTP-out-of-band', 'SIP-INFO'] as const;
export const SRTP_MODES = ['disabled', 'preferred', 'required'] as const;
export const SIP_TRANSPORTS = ['udp', 'tcp', 'tls'] as const;
export type DtmfMode = (typeof DTMF_MODES)[number];
export type SrtpMode = (typeof SRTP_MODES)[number];
export type SipTransport = (typeof SIP_TRANSPORTS)[number];

/** A vendor table: every value of the vocabulary it supports → the vendor's value. */
export type SipMapTable<K extends string, V> = Readonly<Partial<Record<K, V>>>;

/** `table[value]`, else `fallback` (also for a value outside provd's vocabulary). */
export function mapSipValue<K extends string, V>(value: unknown, table: SipMapTable<K, V>, fallback?: V): V | undefined {
  if (typeof value !== 'string' || !Object.hasOwn(table, value)) return fallback;
  return table[value as K];
}

/** The line's DTMF mode, else the global `sip_dtmf_mode`; undefined when neither is a known mode. */
export function lineDtmfMode(raw: RawConfig, line?: SipLine): DtmfMode | undefined {
  const v = line?.dtmf_mode ?? raw.sip_dtmf_mode;
  return (DTMF_MODES as readonly string[]).includes(v as string) ? (v as DtmfMode) : undefined;
}

/** The line's SRTP mode, else the global `sip_srtp_mode`, else `disabled`. */
export function lineSrtpMode(raw: RawConfig, line?: SipLine): SrtpMode {
  const v = line?.srtp_mode ?? raw.sip_srtp_mode;
  return (SRTP_MODES as readonly string[]).includes(v as string) ? (v as SrtpMode) : 'disabled';
}

/** `sip_transport`, else `udp`. */
export function sipTransport(raw: RawConfig): SipTransport {
  const v = typeof raw.sip_transport === 'string' ? raw.sip_transport.toLowerCase() : '';
  return (SIP_TRANSPORTS as readonly string[]).includes(v) ? (v as SipTransport) : 'udp';
}

/** The port to use: the given one, else 5061 for TLS and 5060 otherwise. */
export function sipPort(transport: SipTransport, port?: unknown): number {
  const n = Number(port);
  if (Number.isInteger(n) && n > 0 && n < 65536) return n;
  return transport === 'tls' ? 5061 : 5060;
}

export interface SipMapTables<D, S, T> {
  readonly dtmf?: SipMapTable<DtmfMode, D>;
  readonly srtp?: SipMapTable<SrtpMode, S>;
  readonly transport?: SipMapTable<SipTransport, T>;
}

export interface MappedSip<D, S, T> {
  readonly transport: T | SipTransport;
  /** Per line number (as in `sip_lines`). */
  readonly lines: Readonly<Record<string, { readonly dtmf?: D; readonly srtp?: S }>>;
}

/** Every line's DTMF and SRTP, and the transport, in the vendor's values (the reference's XX_dtmf_*, XX_srtp_mode, XX_sip_transport). */
export function mapSipSettings<D, S, T>(raw: RawConfig, tables: SipMapTables<D, S, T>): MappedSip<D, S, T> {
  const transport = sipTransport(raw);
  const lines: Record<string, { dtmf?: D; srtp?: S }> = {};
  for (const [no, line] of Object.entries(raw.sip_lines ?? {})) {
    lines[no] = {
      dtmf: tables.dtmf ? mapSipValue(lineDtmfMode(raw, line), tables.dtmf) : undefined,
      srtp: tables.srtp ? mapSipValue(lineSrtpMode(raw, line), tables.srtp) : undefined,
    };
  }
  return { transport: tables.transport ? (mapSipValue(transport, tables.transport) ?? transport) : transport, lines };
}
