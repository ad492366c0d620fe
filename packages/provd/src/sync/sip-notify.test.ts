import assert from 'node:assert/strict';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { test } from 'node:test';
import { isProvdError } from '../errors.js';
import { buildNotify, parseAnswer, sendSipNotify } from './sip-notify.js';

const TIMERS = { t1Ms: 40, t2Ms: 160, timeoutMs: 1200 };

/** A phone on loopback that answers each NOTIFY with what `answer` returns (nothing: silence). */
async function phone(t: { after(fn: () => void): void }, answer: (request: string, n: number) => string[]) {
  const socket: Socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  t.after(() => socket.close());
  const received: string[] = [];
  socket.on('message', (m, from: RemoteInfo) => {
    const request = m.toString();
    received.push(request);
    for (const reply of answer(request, received.length)) socket.send(reply, from.port, from.address);
  });
  return { port: socket.address().port, received };
}

function reply(request: string, status: string, branch?: string): string {
  const header = (name: string) => request.split('\r\n').find((l) => l.startsWith(`${name}:`))!;
  const via = branch ? header('Via').replace(/branch=[^;]+/, `branch=${branch}`) : header('Via');
  return [`SIP/2.0 ${status}`, via, header('From'), `${header('To')};tag=p1`, header('Call-ID'), header('CSeq'), 'Content-Length: 0', '', ''].join('\r\n');
}

test('the NOTIFY is well-formed and answers are matched by branch and CSeq', () => {
  const text = buildNotify({ host: '192.0.2.5', port: 5060, uri: 'sip:alice@192.0.2.5:5060', event: 'check-sync', timers: TIMERS }, { address: '192.0.2.1', port: 40000 }, { branch: 'z9hG4bKabc', tag: 't1', callId: 'c1@dialtone' });
  assert.ok(text.startsWith('NOTIFY sip:alice@192.0.2.5:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:40000;branch=z9hG4bKabc;rport\r\n'));
  assert.match(text, /\r\nEvent: check-sync\r\n/);
  assert.ok(text.endsWith('Content-Length: 0\r\n\r\n'));
  assert.deepEqual(parseAnswer(reply(text, '200 OK'), 'z9hG4bKabc'), { status: 200, reason: 'OK' });
  assert.equal(parseAnswer(reply(text, '200 OK', 'z9hG4bKother'), 'z9hG4bKabc'), null, 'another transaction');
  assert.equal(parseAnswer(reply(text, '200 OK').replace('CSeq: 1 NOTIFY', 'CSeq: 1 OPTIONS'), 'z9hG4bKabc'), null, 'another method');
  assert.equal(parseAnswer('NOTIFY sip:x@y SIP/2.0\r\n\r\n', 'z9hG4bKabc'), null, 'a request is no answer');
});

test('100 Trying stops the doubling; the final 486 fails with the phone\'s status line', async (t) => {
  const p = await phone(t, (request, n) => (n === 1 ? [reply(request, '100 Trying')] : n === 3 ? [reply(request, '486 Busy Here')] : []));
  const begin = performance.now();
  await assert.rejects(
    sendSipNotify({ host: '127.0.0.1', port: p.port, uri: 'sip:anonymous@127.0.0.1', event: 'check-sync', timers: TIMERS }),
    (err) => isProvdError(err, 'DT_ERR_SYNC_FAILED') && err.message === `127.0.0.1:${p.port} refused the SIP NOTIFY (Event: check-sync): 486 Busy Here`,
  );
  // after the 100, retransmissions come every T2 (160 ms), not T1
  assert.ok(performance.now() - begin >= 2 * TIMERS.t2Ms, `${performance.now() - begin} ms`);
});

test('an answer for another transaction is ignored; the right 200 succeeds', async (t) => {
  const p = await phone(t, (request) => [reply(request, '200 OK', 'z9hG4bKstranger'), reply(request, '202 Accepted')]);
  const answer = await sendSipNotify({ host: '127.0.0.1', port: p.port, uri: 'sip:anonymous@127.0.0.1', event: 'check-sync;reboot=false', timers: TIMERS });
  // (a loaded machine may have resent it before the answer came: the count is not asserted)
  assert.deepEqual({ status: answer.status, reason: answer.reason }, { status: 202, reason: 'Accepted' });
});

test('a header injection through the event or the URI is refused before anything is sent', async () => {
  await assert.rejects(sendSipNotify({ host: '127.0.0.1', port: 9, uri: 'sip:a@127.0.0.1', event: 'check-sync\r\nX-Evil: 1', timers: TIMERS }), /invalid SIP event/);
  await assert.rejects(sendSipNotify({ host: '127.0.0.1', port: 9, uri: 'sip:a@127.0.0.1\r\nX: y', event: 'check-sync', timers: TIMERS }), /invalid SIP URI/);
});
