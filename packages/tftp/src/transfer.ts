import type { Socket, RemoteInfo } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import type { BlockReader } from './block-reader.js';
import { TftpError, TftpErrorCode } from './errors.js';
import { encodeDataRun, encodeError, parsePacket, readAckBlock } from './packet.js';
import type { FramedContent } from './packet-cache.js';
import { RetransmitTimer } from './retransmit-timer.js';

export type TransferOutcome =
  | 'completed'
  | 'refused'
  | 'busy'
  | 'timeout'
  | 'peer-error'
  | 'protocol-error'
  | 'aborted'
  | 'failed';

export interface TransferResult {
  outcome: TransferOutcome;
  /** Payload bytes the client acknowledged. */
  bytes: number;
  /** Blocks the client acknowledged. */
  blocks: number;
  /** Packets (DATA or OACK) sent again after a timeout or a partial window ACK. */
  retransmits: number;
  /** The ERROR code sent or received, when the transfer ended with one. */
  errorCode?: number;
  message?: string;
  /** A failure that was not a TFTP error (a source read that threw, a socket error). */
  error?: unknown;
}

export interface TransferTiming {
  initialTimeoutMs: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  maxRetries: number;
  /** Retries allowed before the client has answered anything (a spoofed request never will). */
  maxRetriesUnconfirmed: number;
  /** RFC 2349 timeout option, pins the retransmission timeout. */
  fixedTimeoutMs: number | undefined;
}

export interface TransferParams {
  /** Bound to an ephemeral port: this transfer's TID. Closed by the transfer. */
  socket: Socket;
  peerAddress: string;
  peerPort: number;
  /** The socket is connect()ed to the peer: sends carry no address. */
  connected: boolean;
  reader: BlockReader;
  /** The same blocks already framed and shared (octet mode, immutable content): used instead of `reader`. */
  packets?: FramedContent;
  blksize: number;
  windowsize: number;
  /** The OACK to send first, or null to start with block 1. */
  oack: Buffer | null;
  timing: TransferTiming;
  /** Called once, at the client's first acknowledgement. */
  onConfirmed?: () => void;
  onDone: (result: TransferResult) => void;
}

/**
 * One read transfer from its own socket. Windowed (RFC 7440; windowsize 1 is
 * RFC 1350 lock-step): a window of unacknowledged blocks is kept, an ACK
 * inside it restarts the window after the acknowledged block, a duplicate or
 * stale ACK is ignored (no Sorcerer's Apprentice), and only a timeout resends
 * an unchanged window.
 */
export class Transfer {
  private readonly p: TransferParams;
  private readonly rto: RetransmitTimer;
  private phase: 'oack' | 'data' | 'done' = 'data';
  /** Highest acknowledged block index (0: nothing yet, or the OACK). */
  private acked = 0;
  /** DATA packets (header included) of blocks acked+1 … acked+window.length, produced and not yet acknowledged. */
  private window: Buffer[] = [];
  /** First-send time of each window block; -1 once it was resent (Karn's rule). */
  private sentAt: number[] = [];
  /** Next block index to put on the wire. */
  private nextSend = 1;
  /** Highest block index ever sent: an ACK beyond it is a protocol error. */
  private highestSent = 0;
  private oackSentAt = -1;
  private reading = false;
  private readStartedAt = 0;
  private retries = 0;
  private confirmed = false;
  private timer: NodeJS.Timeout | undefined;
  private deadline = 0;
  private timerAt = 0;
  private bytes = 0;
  private retransmits = 0;

  constructor(params: TransferParams) {
    this.p = params;
    const t = params.timing;
    this.rto = new RetransmitTimer(t.initialTimeoutMs, t.minTimeoutMs, t.maxTimeoutMs, t.fixedTimeoutMs);
    params.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    params.socket.on('error', (err) => this.finish({ outcome: 'failed', error: err }));
  }

  start(): void {
    if (this.p.oack !== null) {
      this.phase = 'oack';
      this.sendOack(false);
    } else {
      this.pump();
    }
  }

  /** Ends the transfer at once, telling the client why. */
  abort(message: string): void {
    if (this.phase === 'done') return;
    this.sendRaw(encodeError(TftpErrorCode.NotDefined, message));
    this.finish({ outcome: 'aborted', errorCode: TftpErrorCode.NotDefined, message });
  }

  private onMessage(msg: Buffer, rinfo: RemoteInfo): void {
    if (this.phase === 'done') return;
    if (rinfo.port !== this.p.peerPort || rinfo.address !== this.p.peerAddress) {
      // RFC 1350: a packet from a stranger gets ERROR 5 and does not disturb the transfer.
      // (Only reached with an unconnected socket: a connected one never hears strangers.)
      if (readAckBlock(msg) !== -1 || parsePacket(msg).op !== 'error') {
        this.p.socket.send(encodeError(TftpErrorCode.UnknownTransferId, 'unknown transfer ID'), rinfo.port, rinfo.address);
      }
      return;
    }
    const block = readAckBlock(msg);
    if (block === -1) {
      this.onOtherPacket(msg);
      return;
    }
    if (this.phase === 'oack') this.onOackAck(block);
    else this.onDataAck(block);
  }

  private confirm(): void {
    if (this.confirmed) return;
    this.confirmed = true;
    this.p.onConfirmed?.();
  }

  private onOtherPacket(msg: Buffer): void {
    const packet = parsePacket(msg);
    if (packet.op === 'error') {
      const outcome = packet.errorCode === TftpErrorCode.OptionRefused && this.phase === 'oack' ? 'refused' : 'peer-error';
      this.finish({ outcome, errorCode: packet.errorCode, message: packet.message });
      return;
    }
    const reason = packet.op === 'invalid' ? packet.reason : `unexpected ${packet.op.toUpperCase()} during a read transfer`;
    this.fail(TftpErrorCode.IllegalOperation, reason, 'protocol-error');
  }

  private onOackAck(block: number): void {
    if (block !== 0) {
      this.fail(TftpErrorCode.IllegalOperation, `expected ACK 0 for the OACK, got ${block}`, 'protocol-error');
      return;
    }
    if (this.oackSentAt >= 0) this.rto.sample(performance.now() - this.oackSentAt);
    this.confirm();
    this.phase = 'data';
    this.retries = 0;
    this.pump();
  }

  private onDataAck(block: number): void {
    const delta = (block - this.acked) & 0xffff;
    if (delta === 0 || delta > 0x8000) return; // duplicate or stale: wait for the timer
    if (delta > this.highestSent - this.acked) {
      this.fail(TftpErrorCode.IllegalOperation, `ACK for block ${block}, which was not sent`, 'protocol-error');
      return;
    }
    const sentAt = this.sentAt[delta - 1];
    if (sentAt >= 0) this.rto.sample(performance.now() - sentAt);
    this.confirm();
    for (let i = 0; i < delta; i++) this.bytes += this.window[i].length - 4;
    this.window = this.window.slice(delta);
    this.sentAt = this.sentAt.slice(delta);
    this.acked += delta;
    this.retries = 0;
    if (this.acked === this.p.reader.lastBlock) {
      this.finish({ outcome: 'completed' });
      return;
    }
    // A partial ACK means the client lost what followed: restart the window there.
    this.nextSend = this.acked + 1;
    this.pump();
  }

  /** Makes sure the window is produced, then sends what has not been sent in it. */
  private pump(): void {
    if (this.phase !== 'data' || this.reading) return;
    const last = this.p.reader.lastBlock;
    let want = this.acked + this.p.windowsize;
    if (last !== undefined && want > last) want = last;
    const have = this.acked + this.window.length;
    if (have < want && this.p.packets !== undefined) {
      const before = this.window.length;
      this.p.packets.take(have + 1, want - have, this.window);
      for (let i = before; i < this.window.length; i++) this.sentAt.push(0);
    } else if (have < want) {
      let blocks: Buffer[] | Promise<Buffer[]>;
      try {
        blocks = this.p.reader.read(have + 1, want - have);
      } catch (err) {
        this.failRead(err);
        return;
      }
      if (blocks instanceof Promise) {
        this.reading = true;
        this.readStartedAt = performance.now();
        this.arm();
        blocks.then(
          (b) => {
            this.reading = false;
            if (this.phase === 'done') return;
            this.append(b);
            this.pump();
          },
          (err) => {
            this.reading = false;
            this.failRead(err);
          },
        );
        return;
      }
      this.append(blocks);
    }
    this.sendWindow();
  }

  private append(blocks: Buffer[]): void {
    if (blocks.length === 0) return;
    for (const packet of encodeDataRun(this.acked + this.window.length + 1, blocks)) {
      this.window.push(packet);
      this.sentAt.push(0);
    }
  }

  private sendWindow(): void {
    const end = this.acked + this.window.length;
    if (this.nextSend > end) return;
    const now = performance.now();
    for (let index = this.nextSend; index <= end; index++) {
      const slot = index - this.acked - 1;
      if (this.sentAt[slot] === 0) this.sentAt[slot] = now;
      else {
        this.sentAt[slot] = -1;
        this.retransmits++;
      }
      this.sendRaw(this.window[slot]);
    }
    this.nextSend = end + 1;
    if (end > this.highestSent) this.highestSent = end;
    this.arm();
  }

  private sendOack(resend: boolean): void {
    if (resend) this.retransmits++;
    this.oackSentAt = resend ? -1 : performance.now();
    this.sendRaw(this.p.oack as Buffer);
    this.arm();
  }

  /**
   * One timer per transfer, moved lazily: most ACKs only push the deadline,
   * and the timer is replaced only when the deadline comes earlier.
   */
  private arm(): void {
    const ms = this.rto.currentMs;
    this.deadline = performance.now() + ms;
    if (this.timer !== undefined) {
      if (this.timerAt <= this.deadline + 1) return;
      clearTimeout(this.timer);
    }
    this.timerAt = this.deadline;
    this.timer = setTimeout(() => this.onTimer(), ms);
  }

  private onTimer(): void {
    this.timer = undefined;
    if (this.phase === 'done') return;
    const early = this.deadline - performance.now();
    if (early > 1) {
      this.timerAt = this.deadline;
      this.timer = setTimeout(() => this.onTimer(), early);
      return;
    }
    if (this.reading) {
      // A read that never answers must not hold the transfer forever.
      const budget = this.p.timing.maxTimeoutMs * (this.p.timing.maxRetries + 1);
      if (performance.now() - this.readStartedAt > budget) this.failRead(new Error('source read timed out'));
      else this.arm();
      return;
    }
    const maxRetries = this.confirmed ? this.p.timing.maxRetries : Math.min(this.p.timing.maxRetries, this.p.timing.maxRetriesUnconfirmed);
    if (++this.retries > maxRetries) {
      this.fail(TftpErrorCode.NotDefined, 'transfer timed out', 'timeout');
      return;
    }
    this.rto.backoff();
    if (this.phase === 'oack') {
      this.sendOack(true);
      return;
    }
    for (let i = 0; i < this.sentAt.length; i++) this.sentAt[i] = -1;
    this.nextSend = this.acked + 1;
    this.sendWindow();
  }

  private failRead(err: unknown): void {
    if (this.phase === 'done') return;
    if (err instanceof TftpError) this.fail(err.tftpCode, err.message, 'failed', err);
    else this.fail(TftpErrorCode.NotDefined, 'read error', 'failed', err);
  }

  private fail(code: number, message: string, outcome: TransferOutcome, error?: unknown): void {
    this.sendRaw(encodeError(code, message));
    this.finish({ outcome, errorCode: code, message, error });
  }

  private sendRaw(buf: Buffer): void {
    if (this.p.connected) this.p.socket.send(buf);
    else this.p.socket.send(buf, this.p.peerPort, this.p.peerAddress);
  }

  private finish(result: Omit<TransferResult, 'bytes' | 'blocks' | 'retransmits'>): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.window = [];
    // Let queued sends (the final ERROR) leave before the socket closes.
    setImmediate(() => {
      try {
        this.p.socket.close();
      } catch {
        // already closed after a socket error
      }
    });
    this.p.onDone({ ...result, bytes: this.bytes, blocks: this.acked, retransmits: this.retransmits });
  }
}
