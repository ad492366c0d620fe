/**
 * Asterisk manager interface (AMI) client for one PJSIPNotify: connect, Login, PJSIPNotify with
 * `Variable: Event=<event>` to an Endpoint or a URI, Logoff. Everything within `timeoutMs`.
 */
import { connect, type Socket } from 'node:net';
import { errors } from '../errors.js';

export interface AmiSettings {
  host: string;
  port: number;
  username: string | null;
  secret: string | null;
  timeoutMs: number;
}

export type AmiNotifyTarget = { endpoint: string } | { uri: string };

type Message = Record<string, string>;

/** AMI field values are single lines: a CR or LF would start another header. */
function field(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw errors.syncFailed(`AMI ${name} must be one line`);
  return `${name}: ${value}\r\n`;
}

/** Reads AMI messages (blank-line separated `Key: value` blocks) from the socket. */
function messages(socket: Socket): { next(): Promise<Message> } {
  let buffer = '';
  const ready: Message[] = [];
  let waiting: { resolve: (m: Message) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  const flush = () => {
    if (waiting && ready.length) {
      const w = waiting;
      waiting = null;
      w.resolve(ready.shift()!);
    } else if (waiting && failure) {
      const w = waiting;
      waiting = null;
      w.reject(failure);
    }
  };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // the greeting ("Asterisk Call Manager/…") is a line of its own, not a block
    const greeting = /^Asterisk Call Manager\/[^\r\n]*\r\n/.exec(buffer);
    if (greeting) buffer = buffer.slice(greeting[0].length);
    let end: number;
    while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 4);
      const message: Message = {};
      for (const line of block.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) message[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      ready.push(message);
    }
    flush();
  });
  socket.on('error', (err) => {
    failure = err;
    flush();
  });
  socket.on('close', () => {
    failure ??= new Error('connection closed');
    flush();
  });
  return {
    next: () => new Promise<Message>((resolve, reject) => {
      waiting = { resolve, reject };
      flush();
    }),
  };
}

/** The response to the action with this ActionID (events in between are skipped). */
async function responseTo(stream: { next(): Promise<Message> }, actionId: string): Promise<Message> {
  for (;;) {
    const message = await stream.next();
    if (message.response !== undefined && message.actionid === actionId) return message;
  }
}

export async function amiPjsipNotify(settings: AmiSettings, target: AmiNotifyTarget, event: string): Promise<void> {
  const where = `Asterisk AMI at ${settings.host}:${settings.port}`;
  if (!settings.username || !settings.secret) throw errors.syncUnsupported(`sync.ami.username and sync.ami.secret must be set to synchronize through ${where}`);
  const socket = connect({ host: settings.host, port: settings.port });
  const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${settings.timeoutMs} ms`)), settings.timeoutMs);
  const stream = messages(socket);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write(`${field('Action', 'Login')}${field('ActionID', 'dialtone-1')}${field('Username', settings.username)}${field('Secret', settings.secret)}${field('Events', 'off')}\r\n`);
    const login = await responseTo(stream, 'dialtone-1');
    if (login.response?.toLowerCase() !== 'success') throw errors.syncFailed(`${where} refused the login: ${login.message ?? login.response}`);
    const to = 'endpoint' in target ? field('Endpoint', target.endpoint) : field('URI', target.uri);
    socket.write(`${field('Action', 'PJSIPNotify')}${field('ActionID', 'dialtone-2')}${to}${field('Variable', `Event=${event}`)}\r\n`);
    const notify = await responseTo(stream, 'dialtone-2');
    if (notify.response?.toLowerCase() !== 'success') throw errors.syncFailed(`${where} could not send the NOTIFY: ${notify.message ?? notify.response}`);
    socket.write(`${field('Action', 'Logoff')}${field('ActionID', 'dialtone-3')}\r\n`);
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('DT_ERR_')) throw err;
    throw errors.syncFailed(`${where}: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
    // end() lets the Logoff out; a server that never closes is cut off a moment later
    socket.end();
    setTimeout(() => socket.destroy(), 1000).unref();
  }
}
