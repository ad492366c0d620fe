/**
 * The same NOTIFY over TCP or TLS (a device whose raw config says `sip_transport: tcp` or `tls`):
 * one connection, sent once (a reliable transport is not retransmitted, RFC 3261 §17.1.2.2),
 * answered within timer F; 1xx answers are read past, the first final answer settles it.
 */
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { errors } from '../errors.js';
import { buildNotify, EVENT, parseAnswer, token, URI, type SipNotifyAnswer, type SipNotifyRequest } from './sip-notify.js';

export interface StreamOptions {
  /** TLS instead of plain TCP. */
  tls?: { ca: Buffer | null };
}

export async function sendSipNotifyTcp(request: SipNotifyRequest, options: StreamOptions = {}): Promise<SipNotifyAnswer> {
  if (!EVENT.test(request.event)) throw errors.syncFailed(`invalid SIP event ${JSON.stringify(request.event)}`);
  if (!URI.test(request.uri)) throw errors.syncFailed(`invalid SIP URI ${JSON.stringify(request.uri)}`);
  const transport = options.tls ? 'TLS' : 'TCP';
  const target = `${request.host}:${request.port} (${transport})`;
  const { timeoutMs } = request.timers;
  const ids = { branch: `z9hG4bK${token(8)}`, tag: token(4), callId: `${token(8)}@dialtone` };
  return new Promise<SipNotifyAnswer>((resolve, reject) => {
    const endpoint = { host: request.host, port: request.port, ...(request.localIp ? { localAddress: request.localIp } : {}) };
    const socket: Socket = options.tls
      ? connectTls({ ...endpoint, ...(options.tls.ca ? { ca: options.tls.ca } : { rejectUnauthorized: false }), servername: isIP(request.host) ? undefined : request.host })
      : connectTcp(endpoint);
    let buffer = '';
    let settled = false;
    const finish = (outcome: { answer?: SipNotifyAnswer; error?: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timerF);
      socket.destroy();
      if (outcome.error) reject(outcome.error);
      else resolve(outcome.answer!);
    };
    const timerF = setTimeout(() => finish({ error: errors.syncFailed(`no answer from ${target} to the SIP NOTIFY (Event: ${request.event}) after ${timeoutMs} ms`) }), timeoutMs);
    socket.once(options.tls ? 'secureConnect' : 'connect', () => {
      socket.write(buildNotify(request, { address: socket.localAddress ?? '0.0.0.0', port: socket.localPort ?? 0 }, ids, transport));
    });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
        const head = buffer.slice(0, end);
        const length = Number(/^(?:content-length|l)\s*:\s*(\d+)/im.exec(head)?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        buffer = buffer.slice(end + 4 + length);
        const answer = parseAnswer(`${head}\r\n\r\n`, ids.branch);
        if (!answer || answer.status < 200) continue;
        if (answer.status < 300) finish({ answer: { ...answer, retransmissions: 0 } });
        else finish({ error: errors.syncFailed(`${target} refused the SIP NOTIFY (Event: ${request.event}): ${answer.status} ${answer.reason}`.trim()) });
        return;
      }
    });
    socket.on('error', (err) => finish({ error: errors.syncFailed(`cannot send a SIP NOTIFY to ${target}: ${err.message}`) }));
    socket.on('close', () => finish({ error: errors.syncFailed(`${target} closed the connection before answering the SIP NOTIFY (Event: ${request.event})`) }));
  });
}
