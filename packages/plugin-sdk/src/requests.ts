/**
 * Provisioning requests as the host hands them to extractors. Every request kind has its own
 * shape; `ProvRequest` is the union. Nothing here depends on an HTTP or TFTP library.
 */

export interface HttpProvRequest {
  readonly kind: 'http';
  /** Upper-case method: GET, HEAD… */
  readonly method: string;
  /** Percent-decoded path with a leading '/', without the query string. */
  readonly path: string;
  /** Raw query string without '?', '' if none. */
  readonly query?: string;
  /** Header names lower-cased; repeated headers joined with ', '. */
  readonly headers: Readonly<Record<string, string>>;
  /** The phone's address (after trusted X-Forwarded-For handling). */
  readonly clientIp: string;
}

export interface TftpProvRequest {
  readonly kind: 'tftp';
  /** The requested file name as sent (no leading '/' stripping). */
  readonly filename: string;
  /** 'octet' or 'netascii'. */
  readonly mode: string;
  /** RFC 2347 options, names lower-cased. */
  readonly options: Readonly<Record<string, string>>;
  readonly clientIp: string;
}

export interface DhcpProvRequest {
  readonly kind: 'dhcp';
  /** The address the phone was leased. */
  readonly ip: string;
  /** Normalized MAC (`aa:bb:cc:dd:ee:ff`). */
  readonly mac: string;
  /**
   * DHCP options by code, each decoded from its hex bytes to a string, one char per byte
   * (latin-1): 60 = vendor class identifier, 77 = user class…
   */
  readonly options: Readonly<Record<number, string>>;
}

export type ProvRequest = HttpProvRequest | TftpProvRequest | DhcpProvRequest;
export type ProvRequestKind = ProvRequest['kind'];
