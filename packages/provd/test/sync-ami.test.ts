/**
 * POST /dev_mgr/synchronize with sync.type ami: provd logs in to Asterisk's manager interface and
 * sends PJSIPNotify with the family's event. The AMI server here is written for the test: it
 * checks the Login, then answers PJSIPNotify, and records every action it got.
 */
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { startTestProvd } from './support/provd.js';
import { configuredDevice, familyPlugin, operationOutcome } from './sync-support/fixtures.js';

type Action = Record<string, string[]>;

/** A minimal AMI: greeting, Login (user/secret), PJSIPNotify (Endpoint or URI + Variable), Logoff. */
async function fakeAmi(t: { after(fn: () => Promise<void> | void): void }, user: string, secret: string) {
  const actions: Action[][] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const session: Action[] = [];
    actions.push(session);
    let loggedIn = false;
    let buffer = '';
    socket.write('Asterisk Call Manager/7.0.3\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
        const action: Action = {};
        for (const line of buffer.slice(0, end).split('\r\n')) {
          const colon = line.indexOf(':');
          (action[line.slice(0, colon).toLowerCase()] ??= []).push(line.slice(colon + 1).trim());
        }
        buffer = buffer.slice(end + 4);
        session.push(action);
        const id = action.actionid?.[0] ?? '';
        const answer = (fields: string) => socket.write(`Response: ${fields}\r\nActionID: ${id}\r\n\r\n`);
        const name = action.action?.[0]?.toLowerCase();
        if (name === 'login') {
          loggedIn = action.username?.[0] === user && action.secret?.[0] === secret;
          // an unsolicited event between the answers, as a real Asterisk may send
          socket.write('Event: FullyBooted\r\nPrivilege: system,all\r\n\r\n');
          answer(loggedIn ? 'Success\r\nMessage: Authentication accepted' : 'Error\r\nMessage: Authentication failed');
        } else if (name === 'pjsipnotify') {
          if (!loggedIn) answer('Error\r\nMessage: Permission denied');
          else if (!action.endpoint && !action.uri) answer('Error\r\nMessage: PJSIPNotify requires either an endpoint or URI.');
          else answer('Success\r\nMessage: NOTIFY sent');
        } else if (name === 'logoff') {
          socket.end('Response: Goodbye\r\nMessage: Thanks for all the fish.\r\n\r\n');
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const port = (server.address() as { port: number }).port;
  return { port, actions };
}

test('through AMI: Login, then PJSIPNotify with the family event, to the endpoint or to sip:anonymous@<ip>', async (t) => {
  const ami = await fakeAmi(t, 'provd', 's3cret');
  const plugin = familyPlugin(t, 'acme-ami', 'check-sync;reboot=false');
  const p = await startTestProvd(t, { 'sync.type': 'ami', 'sync.ami.port': ami.port, 'sync.ami.username': 'provd', 'sync.ami.secret': 's3cret' }, { plugins: [plugin] });
  const byIp = await configuredDevice(p, 'acme-ami', { mac: '00:11:22:33:55:01', ip: '192.0.2.31' });
  const byEndpoint = await configuredDevice(p, 'acme-ami', { mac: '00:11:22:33:55:02', ip: '192.0.2.32', remote_state_sip_username: 'alice' });

  for (const id of [byIp, byEndpoint]) {
    const started = await p.call('POST', '/0.2/dev_mgr/synchronize', { id });
    assert.equal(started.status, 201);
    const outcome = await operationOutcome(p, started.headers.get('location')!);
    assert.equal(outcome.status, 'sync|success', JSON.stringify(outcome));
  }
  // the Logoff goes out after the answer that settles the operation
  for (let i = 0; i < 100 && (ami.actions[1]?.length ?? 0) < 3; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(ami.actions.length, 2, 'one AMI session per synchronize');
  const [first, second] = ami.actions.map((session) => session.map((a) => a.action?.[0]));
  assert.deepEqual(first, ['Login', 'PJSIPNotify', 'Logoff']);
  assert.deepEqual(second, ['Login', 'PJSIPNotify', 'Logoff']);
  const notifyByIp = ami.actions[0]![1]!;
  assert.deepEqual(notifyByIp.uri, ['sip:anonymous@192.0.2.31']);
  assert.equal(notifyByIp.endpoint, undefined);
  assert.deepEqual(notifyByIp.variable, ['Event=check-sync;reboot=false']);
  const notifyByEndpoint = ami.actions[1]![1]!;
  assert.deepEqual(notifyByEndpoint.endpoint, ['alice']);
  assert.deepEqual(notifyByEndpoint.variable, ['Event=check-sync;reboot=false']);
});

test('through AMI: a refused login or an unreachable AMI fails the operation with the reason', async (t) => {
  const ami = await fakeAmi(t, 'provd', 'right');
  const plugin = familyPlugin(t, 'acme-ami', 'check-sync');
  const p = await startTestProvd(t, { 'sync.type': 'ami', 'sync.ami.port': ami.port, 'sync.ami.username': 'provd', 'sync.ami.secret': 'wrong' }, { plugins: [plugin] });
  const id = await configuredDevice(p, 'acme-ami', { mac: '00:11:22:33:55:03', ip: '192.0.2.33' });
  const started = await p.call('POST', '/0.2/dev_mgr/synchronize', { id });
  const outcome = await operationOutcome(p, started.headers.get('location')!);
  assert.equal(outcome.status, 'sync|fail');
  assert.deepEqual(outcome.error, { code: 'DT_ERR_SYNC_FAILED', message: `Asterisk AMI at 127.0.0.1:${ami.port} refused the login: Authentication failed` });
  assert.deepEqual(ami.actions[0]!.map((a) => a.action?.[0]), ['Login'], 'no PJSIPNotify after a refused login');

  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadPort = (closed.address() as { port: number }).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const q = await startTestProvd(t, { 'sync.type': 'ami', 'sync.ami.port': deadPort, 'sync.ami.username': 'provd', 'sync.ami.secret': 'x' }, { plugins: [plugin] });
  const other = await configuredDevice(q, 'acme-ami', { mac: '00:11:22:33:55:04', ip: '192.0.2.34' });
  const again = await q.call('POST', '/0.2/dev_mgr/synchronize', { id: other });
  const unreachable = await operationOutcome(q, again.headers.get('location')!);
  assert.equal(unreachable.status, 'sync|fail');
  assert.match(unreachable.error?.message ?? '', new RegExp(`^Asterisk AMI at 127\\.0\\.0\\.1:${deadPort}: .*ECONNREFUSED`));
});
