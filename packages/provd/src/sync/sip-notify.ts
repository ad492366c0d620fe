/**
 * One SIP NOTIFY over UDP, as a non-INVITE client transaction of RFC 3261 §17.1.2: sent, resent
 * after T1, then at doubling intervals capped at T2 (and at T2 once a provisional answer came),
 * given up when timer F fires. The first final answer settles it: 2xx is success, anything
 * else a failure naming the phone's status line.
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { errors } from '../errors.js';

export interface SipTimers {
  /** RTT estimate: the first retransmission interval (RFC 3261: 500 ms). */
  t1Ms: number;
  /** The longest retransmission interval (RFC 3261: 4 s). */
  t2Ms: number;
  /** Timer F: the whole transaction (RFC 3261: 64 × T1). */
  timeoutMs: number;
}

export interface SipNotifyRequest {
  host: string;
  port: number;
  /** Request-URI and To, e.g. `sip:anonymous@192.0.2.20:5060`. */
  uri: string;
  /** The Event header, e.g. `check-sync;reboot=false`. */
  event: string;
  /** The address to send from; null: the system's choice. */
  localIp?: string | null;
  timers: SipTimers;
}

export interface SipNotifyAnswer {
  status: number;
  reason: string;
  /** How many times the request was sent again before the answer. */
  retransmissions: number;
}

export const EVENT = /^[A-Za-z0-9!%*_+`'~.-]+(?:;[A-Za-z0-9!%*_+`'~.-]+(?:=[A-Za-z0-9!%*_+`'~.-]+)?)*$/;
export const URI = /^sips?:[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+@[A-Za-z0-9.:[\]-]+$/;

export function token(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function hostPart(ip: string): string {
  return isIPv6(ip) ? `[${ip}]` : ip;
}

/** The NOTIFY's text; exported for tests. */
export function buildNotify(request: SipNotifyRequest, local: { address: string; port: number }, ids: { branch: string; tag: string; callId: string }, transport: 'UDP' | 'TCP' | 'TLS' = 'UDP'): string {
  const from = `sip:provd@${hostPart(local.address)}`;
  return [
    `NOTIFY ${request.uri} SIP/2.0`,
    `Via: SIP/2.0/${transport} ${hostPart(local.address)}:${local.port};branch=${ids.branch};rport`,
    'Max-Forwards: 70',
    `From: <${from}>;tag=${ids.tag}`,
    `To: <${request.uri}>`,
    `Call-ID: ${ids.callId}`,
    'CSeq: 1 NOTIFY',
    `Contact: <${from}:${local.port}>`,
    `Event: ${request.event}`,
    'Subscription-State: terminated',
    'User-Agent: Dialtone provd',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** Status and branch of a SIP response, or null when the datagram is not an answer to this NOTIFY. */
export function parseAnswer(datagram: string, branch: string): { status: number; reason: string } | null {
  const [head] = datagram.split('\r\n\r\n');
  const lines = (head ?? '').split(/\r?\n/);
  const statusLine = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(lines[0] ?? '');
  if (!statusLine) return null;
  let via: string | undefined;
  let cseq: string | undefined;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if ((name === 'via' || name === 'v') && via === undefined) via = value;
    if (name === 'cseq') cseq = value;
  }
  if (!via || !new RegExp(`;branch=${branch}(?:;|$|\\s|,)`).test(via)) return null;
  if (!cseq || !/\bNOTIFY$/i.test(cseq)) return null;
  return { status: Number(statusLine[1]), reason: statusLine[2] ?? '' };
}

/** Sends the NOTIFY and waits for the final answer; throws DT_ERR_SYNC_FAILED with the reason. */
export async function sendSipNotify(request: SipNotifyRequest): Promise<SipNotifyAnswer> {
  if (!EVENT.test(request.event)) throw errors.syncFailed(`invalid SIP event ${JSON.stringify(request.event)}`);
  if (!URI.test(request.uri)) throw errors.syncFailed(`invalid SIP URI ${JSON.stringify(request.uri)}`);
  const { t1Ms, t2Ms, timeoutMs } = request.timers;
  const socket: Socket = createSocket(isIPv6(request.host) ? 'udp6' : 'udp4');
  const target = `${request.host}:${request.port}`;
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind({ port: 0, ...(request.localIp ? { address: request.localIp } : {}) }, () => {
        // connect() picks the source address the phone will see, which Via and Contact must carry
        socket.connect(request.port, request.host, () => {
          socket.off('error', reject);
          resolve();
        });
      });
    });
  } catch (err) {
    socket.close();
    throw errors.syncFailed(`cannot send a SIP NOTIFY to ${target}: ${(err as Error).message}`);
  }
  const local = socket.address();
  const ids = { branch: `z9hG4bK${token(8)}`, tag: token(4), callId: `${token(8)}@dialtone` };
  const message = Buffer.from(buildNotify(request, local, ids));
  return new Promise<SipNotifyAnswer>((resolve, reject) => {
    let retransmissions = 0;
    let interval = t1Ms;
    let provisional = false;
    let timerE: NodeJS.Timeout | undefined;
    let lastError: string | null = null;
    const finish = (outcome: { answer?: SipNotifyAnswer; error?: Error }) => {
      clearTimeout(timerE);
      clearTimeout(timerF);
      socket.removeAllListeners('message');
      socket.close();
      if (outcome.error) reject(outcome.error);
      else resolve(outcome.answer!);
    };
    const send = () => socket.send(message, (err) => {
      // ICMP port unreachable shows up as ECONNREFUSED on a connected socket: keep trying until F
      if (err) lastError = err.message;
    });
    const retransmit = () => {
      retransmissions++;
      send();
      interval = provisional ? t2Ms : Math.min(interval * 2, t2Ms);
      timerE = setTimeout(retransmit, interval);
    };
    const timerF = setTimeout(() => {
      finish({ error: errors.syncFailed(`no answer from ${target} to the SIP NOTIFY (Event: ${request.event}) after ${timeoutMs} ms and ${retransmissions} retransmissions${lastError ? ` (last error: ${lastError})` : ''}`) });
    }, timeoutMs);
    socket.on('error', (err) => {
      lastError = err.message;
    });
    socket.on('message', (datagram) => {
      const answer = parseAnswer(datagram.toString('latin1'), ids.branch);
      if (!answer) return;
      if (answer.status < 200) {
        if (!provisional) {
          provisional = true;
          clearTimeout(timerE);
          timerE = setTimeout(retransmit, t2Ms);
        }
        return;
      }
      if (answer.status < 300) finish({ answer: { ...answer, retransmissions } });
      else finish({ error: errors.syncFailed(`${target} refused the SIP NOTIFY (Event: ${request.event}): ${answer.status} ${answer.reason}`.trim()) });
    });
    send();
    timerE = setTimeout(retransmit, interval);
  });
}
