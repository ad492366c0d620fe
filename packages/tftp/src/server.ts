import { createSocket, type RemoteInfo, type Socket, type SocketType } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP, type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { netasciiReader, octetReader } from './block-reader.js';
import {
  resolveTftpServerConfig,
  type ResolvedTftpServerConfig,
  type TftpReadRequest,
  type TftpServerOptions,
  type TftpTransferRecord,
} from './config.js';
import { TftpError, TftpErrorCode } from './errors.js';
import { literalLookup } from './literal-lookup.js';
import { maxBlksizeFor, negotiate, readRequestedOptions, type NegotiatedOptions } from './options.js';
import { encodeError, encodeOack, parsePacket, type RequestPacket } from './packet.js';
import { PacketCache, type FramedContent } from './packet-cache.js';
import { bufferSource, isTftpSource, type TftpSource } from './source.js';
import { Transfer, type TransferOutcome, type TransferResult } from './transfer.js';

export interface TftpServerStats {
  /** Requests being resolved or transferred now. */
  active: number;
  /** Read requests received, duplicates excluded. */
  requests: number;
  completed: number;
  /** Requests that ended in any other way, refusals and busy drops included. */
  failed: number;
  busy: number;
  /** Retransmitted RRQs ignored because their transfer was already running. */
  duplicateRequests: number;
  /** Datagrams on the listening port that were not read requests. */
  otherDatagrams: number;
}

export interface TftpServer {
  /** Binds the listening socket; resolves with its address. */
  listen(): Promise<AddressInfo>;
  /** The bound address, or null before listen / after close. */
  address(): AddressInfo | null;
  /** Stops listening and aborts running transfers (each client gets ERROR 0). Idempotent. */
  close(): Promise<void>;
  stats(): TftpServerStats;
}

interface Pending {
  transfer?: Transfer;
  /** Set by close() while the resolver is still running. */
  cancelled: boolean;
  /** Counted in `unconfirmed` until the client's first acknowledgement. */
  unconfirmed: boolean;
}

/** Option name → value, the first one sent winning (duplicates are refused later anyway). */
function firstOccurrences(options: ReadonlyArray<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of options) if (!Object.hasOwn(out, name)) out[name] = value;
  return out;
}

function clientAddress(rinfo: RemoteInfo): { address: string; family: 'IPv4' | 'IPv6' } {
  if (rinfo.family === 'IPv6' && rinfo.address.startsWith('::ffff:') && isIP(rinfo.address.slice(7)) === 4) {
    return { address: rinfo.address.slice(7), family: 'IPv4' };
  }
  return { address: rinfo.address, family: rinfo.family === 'IPv6' ? 'IPv6' : 'IPv4' };
}

/** Every address this server binds or sends to is an IP literal (a host name is looked up once, at listen). */
function bindSocket(type: SocketType, host: string, port: number, recvBufferSize?: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type, lookup: literalLookup, ...(recvBufferSize ? { recvBufferSize } : {}) });
    const onError = (err: Error): void => {
      socket.close();
      reject(err);
    };
    socket.once('error', onError);
    socket.bind({ port, address: host, exclusive: true }, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/** Ties a transfer socket to its client: the kernel then drops everyone else's datagrams. */
function connectSocket(socket: Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.connect(port, address, (err?: Error) => (err ? reject(err) : resolve()));
  });
}

function withTimeout<T>(value: T | Promise<T>, ms: number, onLate: (late: T) => void): Promise<T> {
  if (!(value instanceof Promise)) return Promise.resolve(value);
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new TftpError(TftpErrorCode.NotDefined, 'server took too long to find the file'));
    }, ms);
    value.then(
      (v) => {
        clearTimeout(timer);
        if (settled) onLate(v);
        else resolve(v);
      },
      (err) => {
        clearTimeout(timer);
        if (!settled) reject(err);
      },
    );
  });
}

export function createTftpServer(options: TftpServerOptions): TftpServer {
  const config: ResolvedTftpServerConfig = resolveTftpServerConfig(options);
  let main: Socket | undefined;
  let mainType: SocketType = 'udp6';
  let transferHost = '::';
  let closing: Promise<void> | undefined;
  const pending = new Map<string, Pending>();
  const perClient = new Map<string, number>();
  /** Transfers per address whose client has not acknowledged anything yet. */
  const unconfirmed = new Map<string, number>();
  const countDown = (map: Map<string, number>, address: string): void => {
    const n = (map.get(address) ?? 1) - 1;
    if (n <= 0) map.delete(address);
    else map.set(address, n);
  };
  let idle: (() => void) | undefined;
  const packetCache = config.packetCacheBytes > 0 ? new PacketCache(config.packetCacheBytes) : undefined;
  const counters: TftpServerStats = { active: 0, requests: 0, completed: 0, failed: 0, busy: 0, duplicateRequests: 0, otherDatagrams: 0 };

  function report(err: unknown): void {
    if (config.onError === undefined) return;
    try {
      config.onError(err);
    } catch {
      // an error hook that throws has nowhere left to report to
    }
  }

  function emit(record: TftpTransferRecord): void {
    if (record.outcome === 'completed') counters.completed++;
    else counters.failed++;
    if (config.onTransfer === undefined) return;
    try {
      config.onTransfer(record);
    } catch (err) {
      report(err);
    }
  }

  function reply(buf: Buffer, rinfo: RemoteInfo): void {
    if (main !== undefined && closing === undefined) main.send(buf, rinfo.port, rinfo.address);
  }

  function onDatagram(msg: Buffer, rinfo: RemoteInfo): void {
    const packet = parsePacket(msg);
    switch (packet.op) {
      case 'rrq':
        onReadRequest(packet, rinfo);
        return;
      case 'wrq': {
        counters.otherDatagrams++;
        const message = 'writes are not allowed';
        reply(encodeError(TftpErrorCode.AccessViolation, message), rinfo);
        emit({
          ...requestFields(packet, rinfo),
          bytes: 0,
          blocks: 0,
          retransmits: 0,
          ms: 0,
          outcome: 'refused',
          errorCode: TftpErrorCode.AccessViolation,
          message,
        });
        return;
      }
      case 'data':
      case 'ack':
      case 'oack':
        counters.otherDatagrams++;
        reply(encodeError(TftpErrorCode.UnknownTransferId, 'unknown transfer ID'), rinfo);
        return;
      case 'error':
        counters.otherDatagrams++;
        return;
      case 'invalid':
        counters.otherDatagrams++;
        if (packet.opcode !== undefined) reply(encodeError(TftpErrorCode.IllegalOperation, packet.reason), rinfo);
        return;
    }
  }

  function requestFields(packet: RequestPacket, rinfo: RemoteInfo): Pick<TftpTransferRecord, 'client' | 'filename' | 'mode' | 'options'> {
    const { address, family } = clientAddress(rinfo);
    return {
      client: { address, port: rinfo.port, family },
      filename: packet.filename,
      mode: packet.mode,
      options: firstOccurrences(packet.options),
    };
  }

  function onReadRequest(packet: RequestPacket, rinfo: RemoteInfo): void {
    const key = `${rinfo.port} ${rinfo.address} ${packet.filename}`;
    if (pending.has(key)) {
      counters.duplicateRequests++;
      return;
    }
    counters.requests++;
    const started = performance.now();
    const fields = requestFields(packet, rinfo);
    const refuse = (outcome: TransferOutcome, code: number, message: string, send = true): void => {
      if (send) reply(encodeError(code, message), rinfo);
      emit({ ...fields, bytes: 0, blocks: 0, retransmits: 0, ms: performance.now() - started, outcome, errorCode: code, message });
    };
    if (packet.mode !== 'octet' && packet.mode !== 'netascii') {
      refuse('refused', TftpErrorCode.IllegalOperation, `transfer mode "${packet.mode.slice(0, 32)}" is not supported`);
      return;
    }
    const clientCount = perClient.get(fields.client.address) ?? 0;
    const unconfirmedCount = unconfirmed.get(fields.client.address) ?? 0;
    if (pending.size >= config.maxTransfers || clientCount >= config.maxTransfersPerClient || unconfirmedCount >= config.maxUnconfirmedPerClient) {
      counters.busy++;
      refuse('busy', TftpErrorCode.NotDefined, 'server busy, try again later', config.whenBusy === 'error');
      return;
    }
    let requested;
    try {
      requested = readRequestedOptions(packet.options);
    } catch (err) {
      const e = err as TftpError;
      refuse('refused', e.tftpCode, e.message);
      return;
    }
    const slot: Pending = { cancelled: false, unconfirmed: true };
    pending.set(key, slot);
    perClient.set(fields.client.address, clientCount + 1);
    unconfirmed.set(fields.client.address, unconfirmedCount + 1);
    counters.active = pending.size;

    const release = (): void => {
      pending.delete(key);
      countDown(perClient, fields.client.address);
      confirm(slot, fields.client.address);
      counters.active = pending.size;
      if (pending.size === 0 && idle !== undefined) idle();
    };

    const request: TftpReadRequest = { ...fields.client, filename: packet.filename, mode: packet.mode, options: fields.options };
    void serve(request, packet, rinfo, requested, slot, started, fields, release);
  }

  /** The client answered (or the slot is released): it no longer counts as unconfirmed. */
  function confirm(slot: Pending, address: string): void {
    if (!slot.unconfirmed) return;
    slot.unconfirmed = false;
    countDown(unconfirmed, address);
  }

  async function serve(
    request: TftpReadRequest,
    packet: RequestPacket,
    rinfo: RemoteInfo,
    requested: ReturnType<typeof readRequestedOptions>,
    slot: Pending,
    started: number,
    fields: Pick<TftpTransferRecord, 'client' | 'filename' | 'mode' | 'options'>,
    release: () => void,
  ): Promise<void> {
    let source: TftpSource | undefined;
    let negotiated: NegotiatedOptions | undefined;
    let framed: FramedContent | undefined;
    const end = (result: Omit<TransferResult, 'bytes' | 'blocks' | 'retransmits'> & Partial<TransferResult>): void => {
      if (framed !== undefined) packetCache?.release(framed);
      if (source?.close !== undefined) {
        try {
          Promise.resolve(source.close()).catch(report);
        } catch (err) {
          report(err);
        }
      }
      release();
      emit({
        ...fields,
        ...(negotiated ? { negotiated: { blksize: negotiated.blksize, windowsize: negotiated.windowsize, ...(negotiated.timeoutMs ? { timeoutMs: negotiated.timeoutMs } : {}) } } : {}),
        ...(source ? { size: source.size } : {}),
        bytes: result.bytes ?? 0,
        blocks: result.blocks ?? 0,
        retransmits: result.retransmits ?? 0,
        ms: performance.now() - started,
        outcome: result.outcome,
        ...(result.errorCode !== undefined ? { errorCode: result.errorCode, message: result.message } : {}),
        ...(result.error !== undefined ? { error: result.error } : {}),
      });
    };
    const closeLate = (late: TftpSource | Buffer): void => {
      if (isTftpSource(late) && late.close) Promise.resolve(late.close()).catch(report);
    };
    let socket: Socket | undefined;
    try {
      let resolved = await withTimeout(config.resolve(request), config.resolveTimeoutMs, closeLate);
      if (Buffer.isBuffer(resolved)) resolved = bufferSource(resolved);
      if (!isTftpSource(resolved)) throw new TypeError('resolve must return a Buffer or a TftpSource');
      source = resolved;
      if (slot.cancelled) {
        end({ outcome: 'aborted' });
        return;
      }
      const maxBlksize = config.maxBlksize === 'auto' ? maxBlksizeFor(rinfo.address, request.family) : config.maxBlksize;
      negotiated = negotiate(packet.options, requested, { maxBlksize, maxWindowsize: config.maxWindowsize, maxWindowBytes: config.maxWindowBytes }, request.mode === 'octet' ? source.size : undefined);
      socket = await bindSocket(mainType, transferHost, 0);
      if (!config.answerStrangers) await connectSocket(socket, rinfo.port, rinfo.address);
      if (slot.cancelled) {
        socket.close();
        end({ outcome: 'aborted' });
        return;
      }
    } catch (err) {
      socket?.close();
      const code = (err as NodeJS.ErrnoException)?.code;
      if (code === 'EMFILE' || code === 'ENFILE') {
        // Out of file descriptors: as busy as it gets, and the client may retry.
        counters.busy++;
        const message = 'server busy, try again later';
        if (config.whenBusy === 'error') reply(encodeError(TftpErrorCode.NotDefined, message), rinfo);
        end({ outcome: 'busy', errorCode: TftpErrorCode.NotDefined, message, error: err });
      } else if (err instanceof TftpError) {
        reply(encodeError(err.tftpCode, err.message), rinfo);
        end({ outcome: 'refused', errorCode: err.tftpCode, message: err.message });
      } else {
        const message = 'internal server error';
        reply(encodeError(TftpErrorCode.NotDefined, message), rinfo);
        end({ outcome: 'failed', errorCode: TftpErrorCode.NotDefined, message, error: err });
      }
      return;
    }
    const reader = request.mode === 'octet' ? octetReader(source, negotiated.blksize) : netasciiReader(source, negotiated.blksize);
    const content = source.content;
    if (request.mode === 'octet' && content !== undefined && content.length === source.size) framed = packetCache?.acquire(content, negotiated.blksize);
    const transfer = new Transfer({
      socket,
      peerAddress: rinfo.address,
      peerPort: rinfo.port,
      connected: !config.answerStrangers,
      reader,
      ...(framed !== undefined ? { packets: framed } : {}),
      blksize: negotiated.blksize,
      windowsize: negotiated.windowsize,
      oack: negotiated.oack.length > 0 ? encodeOack(negotiated.oack) : null,
      timing: {
        initialTimeoutMs: config.initialTimeoutMs,
        minTimeoutMs: config.minTimeoutMs,
        maxTimeoutMs: config.maxTimeoutMs,
        maxRetries: config.maxRetries,
        maxRetriesUnconfirmed: config.maxRetriesUnconfirmed,
        fixedTimeoutMs: negotiated.timeoutMs,
      },
      onConfirmed: () => confirm(slot, fields.client.address),
      onDone: (result) => end(result),
    });
    slot.transfer = transfer;
    transfer.start();
  }

  async function listen(): Promise<AddressInfo> {
    if (main !== undefined) throw new TftpError(TftpErrorCode.NotDefined, 'server is already listening');
    if (closing !== undefined) throw new TftpError(TftpErrorCode.NotDefined, 'server is closed');
    let host = config.host;
    let socket: Socket;
    if (host === undefined) {
      try {
        socket = await bindSocket('udp6', '::', config.port, config.recvBufferSize);
        host = '::';
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL') throw err;
        host = '0.0.0.0';
        socket = await bindSocket('udp4', host, config.port, config.recvBufferSize);
      }
    } else {
      if (isIP(host) === 0) host = (await lookup(host)).address;
      socket = await bindSocket(isIP(host) === 6 ? 'udp6' : 'udp4', host, config.port, config.recvBufferSize);
    }
    mainType = isIP(host) === 6 ? 'udp6' : 'udp4';
    transferHost = host;
    main = socket;
    main.on('message', onDatagram);
    main.on('error', report);
    return main.address();
  }

  function close(): Promise<void> {
    if (closing !== undefined) return closing;
    closing = (async () => {
      const socket = main;
      if (socket !== undefined) await new Promise<void>((resolve) => socket.close(() => resolve()));
      main = undefined;
      for (const slot of pending.values()) {
        slot.cancelled = true;
        slot.transfer?.abort('server shutting down');
      }
      if (pending.size > 0) await new Promise<void>((resolve) => (idle = resolve));
    })();
    return closing;
  }

  return {
    listen,
    address: () => (main === undefined || closing !== undefined ? null : main.address()),
    close,
    stats: () => ({ ...counters }),
  };
}
