import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { TftpError, TftpErrorCode } from '../errors.js';
import { literalLookup } from '../literal-lookup.js';
import { fromNetascii } from '../netascii.js';
import { encodeAck, encodeError, encodeRequest, parsePacket } from '../packet.js';

export interface TftpGetOptions {
  host: string;
  port: number;
  filename: string;
  mode?: 'octet' | 'netascii';
  /** Options to request; none are sent when all are unset. */
  blksize?: number;
  windowsize?: number;
  tsize?: boolean;
  /** RFC 2349 timeout option, in seconds. */
  timeoutOption?: number;
  /** Raw extra options, sent as given (for hostile tests). */
  extraOptions?: Array<[string, string]>;
  /** Silence before the client retransmits its last packet. Default 1000 ms. */
  retransmitMs?: number;
  /** Consecutive silences before giving up. Default 5. */
  retries?: number;
  /** Keep the bytes (default) or only count them. */
  collect?: boolean;
  /** Stay around this long after the last block to re-ACK it if the server resends it. Default 0. */
  dallyMs?: number;
}

export interface TftpGetResult {
  data: Buffer | undefined;
  bytes: number;
  blocks: number;
  /** The server's OACK, if it sent one. */
  oack: Record<string, string> | undefined;
  /** Packets the client sent again after a silence. */
  retransmits: number;
  /** The server's transfer port (its TID). */
  serverPort: number;
  ms: number;
}

/** Thrown when a download fails: `tftpCode` is the server's ERROR code, or absent for a client-side failure. */
export class TftpClientError extends Error {
  readonly code: string;
  constructor(
    message: string,
    readonly tftpCode?: number,
  ) {
    super(message);
    this.name = 'TftpClientError';
    this.code = tftpCode === undefined ? 'DT_ERR_TFTP_CLIENT' : new TftpError(tftpCode as TftpErrorCode, message).code;
  }
}

/**
 * A small TFTP read client (RFC 1350 with options, blksize, tsize, timeout,
 * windowsize), used by the tests and the benchmark load generator.
 */
export function tftpGet(options: TftpGetOptions): Promise<TftpGetResult> {
  const mode = options.mode ?? 'octet';
  const requestOptions: Array<[string, string]> = [];
  if (options.blksize !== undefined) requestOptions.push(['blksize', String(options.blksize)]);
  if (options.tsize) requestOptions.push(['tsize', '0']);
  if (options.timeoutOption !== undefined) requestOptions.push(['timeout', String(options.timeoutOption)]);
  if (options.windowsize !== undefined) requestOptions.push(['windowsize', String(options.windowsize)]);
  if (options.extraOptions) requestOptions.push(...options.extraOptions);
  const retransmitMs = options.retransmitMs ?? 1000;
  const maxRetries = options.retries ?? 5;
  const collect = options.collect ?? true;
  const started = performance.now();
  const family = isIP(options.host);
  const socket: Socket = createSocket({ type: family === 6 ? 'udp6' : 'udp4', ...(family !== 0 ? { lookup: literalLookup } : {}) });

  return new Promise<TftpGetResult>((resolve, reject) => {
    let server: { address: string; port: number } | undefined;
    let blksize = 512;
    let windowsize = 1;
    let oack: Record<string, string> | undefined;
    let expected = 1; // next block index wanted
    let inWindow = 0;
    let gapAcked = false;
    let last: Buffer = encodeRequest('rrq', options.filename, mode, requestOptions);
    let retries = 0;
    let retransmits = 0;
    let bytes = 0;
    const chunks: Buffer[] = [];
    const netascii = { pendingCr: false };
    let done = false;
    let timer: NodeJS.Timeout | undefined;

    const send = (buf: Buffer): void => {
      if (server) socket.send(buf, server.port, server.address);
      else socket.send(buf, options.port, options.host);
    };
    const arm = (): void => {
      if (timer) timer.refresh();
      else timer = setTimeout(onSilence, retransmitMs);
    };
    const finish = (err?: Error): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      const dally = err ? 0 : (options.dallyMs ?? 0);
      setTimeout(() => socket.close(), dally);
      if (err) {
        reject(err);
        return;
      }
      let data: Buffer | undefined;
      if (collect) data = Buffer.concat(chunks);
      resolve({ data, bytes, blocks: expected - 1, oack, retransmits, serverPort: server?.port ?? 0, ms: performance.now() - started });
    };
    function onSilence(): void {
      timer = undefined;
      if (done) return;
      if (++retries > maxRetries) {
        finish(new TftpClientError(`no answer after ${maxRetries} retries (block ${expected})`));
        return;
      }
      retransmits++;
      send(last);
      arm();
    }
    const ack = (index: number): void => {
      last = encodeAck(index);
      send(last);
    };

    socket.on('error', (err) => finish(err));
    socket.on('message', (msg: Buffer, rinfo: RemoteInfo) => {
      if (server === undefined) server = { address: rinfo.address, port: rinfo.port };
      else if (rinfo.port !== server.port || rinfo.address !== server.address) {
        socket.send(encodeError(TftpErrorCode.UnknownTransferId, 'unknown transfer ID'), rinfo.port, rinfo.address);
        return;
      }
      if (done) {
        // Dallying: the server missed the final ACK and resent the last block.
        if (msg.length >= 4 && msg.readUInt16BE(0) === 3) socket.send(last, server.port, server.address);
        return;
      }
      // Fast path for DATA, the packet that comes thousands of times.
      if (msg.length >= 4 && msg[0] === 0 && msg[1] === 3) {
        onData(msg.readUInt16BE(2), msg);
        return;
      }
      const packet = parsePacket(msg);
      if (packet.op === 'error') {
        finish(new TftpClientError(`server error ${packet.errorCode}: ${packet.message}`, packet.errorCode));
        return;
      }
      if (packet.op === 'oack') {
        if (expected !== 1 || oack !== undefined) return;
        oack = Object.fromEntries(packet.options);
        if (oack.blksize !== undefined) blksize = Number(oack.blksize);
        if (oack.windowsize !== undefined) windowsize = Number(oack.windowsize);
        const bad =
          requestOptions.length === 0 ||
          (oack.blksize !== undefined && !(blksize >= 8 && blksize <= (options.blksize ?? 0))) ||
          (oack.windowsize !== undefined && !(windowsize >= 1 && windowsize <= (options.windowsize ?? 0)));
        if (bad) {
          send(encodeError(TftpErrorCode.OptionRefused, 'unacceptable OACK'));
          finish(new TftpClientError(`unacceptable OACK ${JSON.stringify(oack)}`));
          return;
        }
        retries = 0;
        ack(0);
        arm();
        return;
      }
      send(encodeError(TftpErrorCode.IllegalOperation, `unexpected ${packet.op}`));
      finish(new TftpClientError(`unexpected packet from server: ${packet.op}`));
    });

    function onData(block: number, msg: Buffer): void {
      const length = msg.length - 4;
      const delta = (block - expected) & 0xffff;
      if (delta !== 0) {
        if (delta >= 0x8000) {
          // Old block: our ACK was lost. Answer the resend of the newest one only.
          if (((expected - 1) & 0xffff) === block) ack(expected - 1);
        } else if (!gapAcked) {
          // A block is missing: ACK what arrived in order so the server restarts there.
          gapAcked = true;
          inWindow = 0;
          ack(expected - 1);
        }
        return;
      }
      retries = 0;
      gapAcked = false;
      bytes += length;
      if (collect) {
        const data = msg.subarray(4);
        chunks.push(mode === 'netascii' ? fromNetascii(data, netascii) : Buffer.from(data));
      }
      expected++;
      if (length < blksize) {
        ack(expected - 1);
        finish();
        return;
      }
      if (++inWindow >= windowsize) {
        inWindow = 0;
        ack(expected - 1);
      }
      arm();
    }
    send(last);
    arm();
  });
}
