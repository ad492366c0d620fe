/**
 * A minimal passive-mode FTP client (RFC 959, RFC 2428 EPSV, RFC 3659 SIZE/REST) for the
 * `ftp://` URLs of pkgs.db: log in (URL credentials, then the given ones, else anonymous),
 * binary mode, resume from an offset with REST, one RETR streamed to a writable. The data
 * connection goes to the control connection's host whatever PASV answers (a server cannot send
 * us elsewhere).
 */
import { connect, type Socket } from 'node:net';
import type { Readable } from 'node:stream';

export interface FtpReply {
  readonly code: number;
  readonly text: string;
}

/** A reply the server gave that ends the transfer; `transient` for 4xx (worth retrying). */
export class FtpError extends Error {
  constructor(
    message: string,
    readonly reply: FtpReply | null,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'FtpError';
  }
}

class Control {
  private text = '';
  private lines: string[] = [];
  private waiting: { resolve(r: FtpReply): void; reject(e: Error): void } | null = null;
  private failure: Error | null = null;

  constructor(readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => {
      this.text += data;
      if (this.text.length > 64 * 1024) this.fail(new FtpError('control reply too long', null, false));
      let nl: number;
      while ((nl = this.text.indexOf('\n')) !== -1) {
        this.lines.push(this.text.slice(0, nl).replace(/\r$/, ''));
        this.text = this.text.slice(nl + 1);
      }
      this.deliver();
    });
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new FtpError('control connection closed', null, true)));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.socket.destroy();
    this.waiting?.reject(this.failure);
    this.waiting = null;
  }

  /** A complete reply: one line `ddd text`, or `ddd-…` lines up to `ddd text`. */
  private deliver(): void {
    if (!this.waiting || this.lines.length === 0) return;
    const first = /^(\d{3})([ -])(.*)$/.exec(this.lines[0]!);
    if (!first) return this.fail(new FtpError(`not an FTP reply: ${JSON.stringify(this.lines[0]!.slice(0, 80))}`, null, false));
    let end = 0;
    if (first[2] === '-') {
      end = this.lines.findIndex((l, i) => i > 0 && l.startsWith(`${first[1]} `));
      if (end === -1) return;
    }
    const text = this.lines
      .slice(0, end + 1)
      .map((l) => l.replace(/^\d{3}[ -]/, ''))
      .join('\n');
    this.lines = this.lines.slice(end + 1);
    const waiting = this.waiting;
    this.waiting = null;
    waiting.resolve({ code: Number(first[1]), text });
  }

  reply(): Promise<FtpReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.deliver();
    });
  }

  async send(command: string): Promise<FtpReply> {
    if (/[\r\n]/.test(command)) throw new FtpError('a command may not hold a line break', null, false);
    this.socket.write(`${command}\r\n`);
    return this.reply();
  }
}

function expect(reply: FtpReply, accepted: number[], what: string): FtpReply {
  if (accepted.includes(reply.code)) return reply;
  throw new FtpError(`${what}: ${reply.code} ${reply.text}`, reply, reply.code >= 400 && reply.code < 500 && reply.code !== 430);
}

function open(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new FtpError(`no answer from ${host}:${port} in ${timeoutMs} ms`, null, true)));
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

export interface FtpGetOptions {
  /** Byte offset to resume from (REST); 0 for the whole file. */
  readonly offset: number;
  readonly username?: string;
  readonly password?: string;
  readonly timeoutMs: number;
  /** Called with the file's size when the server reports it (SIZE), before the transfer. */
  onSize?(size: number): void;
  /** Called once the server accepted REST: false when it did not (the transfer restarts at 0). */
  onResume?(resumed: boolean): void;
}

/** Hands the bytes of `ftp://host[:port]/path` to `receive` as a stream (see the file comment). */
export async function ftpGet(url: URL, receive: (data: Readable) => Promise<void>, options: FtpGetOptions): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 21);
  const path = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (path === '' || path.endsWith('/')) throw new FtpError(`${url.pathname}: not a file`, null, false);
  const control = new Control(await open(host, port, options.timeoutMs));
  try {
    expect(await control.reply(), [220], 'greeting');
    const user = url.username ? decodeURIComponent(url.username) : (options.username ?? 'anonymous');
    const pass = url.username ? decodeURIComponent(url.password) : (options.password ?? 'anonymous@');
    const login = await control.send(`USER ${user}`);
    if (login.code === 331 || login.code === 332) {
      const done = await control.send(`PASS ${pass}`);
      if (done.code === 530) throw new FtpError(`login refused for ${user}: ${done.text}`, done, false);
      expect(done, [230, 202], 'PASS');
    } else if (login.code === 530) throw new FtpError(`login refused for ${user}: ${login.text}`, login, false);
    else expect(login, [230], 'USER');
    expect(await control.send('TYPE I'), [200], 'TYPE I');
    const size = await control.send(`SIZE ${path}`);
    if (size.code === 213 && /^\d+$/.test(size.text.trim())) options.onSize?.(Number(size.text.trim()));
    else if (size.code === 550) throw new FtpError(`${path}: ${size.code} ${size.text}`, size, false);
    let resumed = false;
    if (options.offset > 0) resumed = (await control.send(`REST ${options.offset}`)).code === 350;
    options.onResume?.(resumed);
    const dataPort = await passivePort(control);
    const data = await open(control.socket.remoteAddress ?? host, dataPort, options.timeoutMs);
    try {
      const started = await control.send(`RETR ${path}`);
      if (started.code >= 400) throw new FtpError(`RETR ${path}: ${started.code} ${started.text}`, started, started.code < 500);
      expect(started, [125, 150], 'RETR');
      await receive(data);
    } finally {
      data.destroy();
    }
    expect(await control.reply(), [226, 250], 'end of transfer');
    control.socket.end('QUIT\r\n');
  } finally {
    control.socket.destroy();
  }
}

async function passivePort(control: Control): Promise<number> {
  const epsv = await control.send('EPSV');
  const extended = /\(\|\|\|(\d+)\|\)/.exec(epsv.text);
  if (epsv.code === 229 && extended) return Number(extended[1]);
  const pasv = expect(await control.send('PASV'), [227], 'PASV');
  const m = /(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)/.exec(pasv.text);
  if (!m) throw new FtpError(`unreadable PASV reply: ${pasv.text}`, pasv, false);
  return Number(m[5]) * 256 + Number(m[6]);
}
