/**
 * A small FTP server on loopback for download tests: one user (or anonymous), passive mode
 * (EPSV and PASV), TYPE, SIZE, REST, RETR from a folder, and transfers that can be cut halfway.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join, normalize } from 'node:path';

export interface FtpServer {
  url: string;
  port: number;
  /** Every command received (PASS arguments masked). */
  commands: string[];
  /** Cut the next n data transfers after `atFraction` of the file. */
  cutNext(n: number, atFraction?: number): void;
  close(): Promise<void>;
}

export interface FtpServerOptions {
  /** Required credentials; anonymous logins are refused when set. */
  user?: { name: string; password: string };
  /** Answer EPSV with 500, so the client falls back to PASV. */
  noEpsv?: boolean;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export async function startFtpServer(t: { after(fn: () => Promise<void>): void }, root: string, options: FtpServerOptions = {}): Promise<FtpServer> {
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const servers = new Set<Server>();
  let cuts = 0;
  let cutAt = 0.5;

  const session = (control: Socket) => {
    sockets.add(control);
    control.on('close', () => sockets.delete(control));
    control.on('error', () => undefined);
    const say = (line: string) => control.write(`${line}\r\n`);
    let user: string | null = null;
    let loggedIn = false;
    let offset = 0;
    let passive: { server: Server; socket: Promise<Socket> } | null = null;
    say('220-dialtone test FTP server');
    say('220 ready');
    let buffered = '';
    control.setEncoding('latin1');
    control.on('data', async (data: string) => {
      buffered += data;
      let nl: number;
      while ((nl = buffered.indexOf('\r\n')) !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 2);
        const [verb = '', ...rest] = line.split(' ');
        const arg = rest.join(' ');
        commands.push(verb.toUpperCase() === 'PASS' ? 'PASS ***' : line);
        const file = join(root, normalize(`/${arg}`));
        switch (verb.toUpperCase()) {
          case 'USER':
            user = arg;
            say('331 password please');
            break;
          case 'PASS':
            loggedIn = options.user ? user === options.user.name && arg === options.user.password : true;
            say(loggedIn ? '230 logged in' : '530 Login incorrect.');
            break;
          case 'TYPE':
            say(loggedIn ? '200 type set' : '530 log in first');
            break;
          case 'SIZE':
            if (!loggedIn) say('530 log in first');
            else if (existsSync(file) && statSync(file).isFile()) say(`213 ${statSync(file).size}`);
            else say('550 no such file');
            break;
          case 'REST':
            offset = Number(arg);
            say(`350 restarting at ${offset}`);
            break;
          case 'EPSV':
          case 'PASV': {
            if (verb.toUpperCase() === 'EPSV' && options.noEpsv) {
              say('500 EPSV not understood');
              break;
            }
            const server = createServer();
            servers.add(server);
            const socket = new Promise<Socket>((resolve) => server.once('connection', (s) => (sockets.add(s), resolve(s))));
            const port = await listen(server);
            passive = { server, socket };
            if (verb.toUpperCase() === 'EPSV') say(`229 Entering Extended Passive Mode (|||${port}|)`);
            else say(`227 Entering Passive Mode (127,0,0,1,${port >> 8},${port & 255})`);
            break;
          }
          case 'RETR': {
            if (!loggedIn) {
              say('530 log in first');
              break;
            }
            if (!passive) {
              say('425 use PASV first');
              break;
            }
            if (!existsSync(file) || !statSync(file).isFile()) {
              say('550 no such file');
              break;
            }
            const { server, socket } = passive;
            passive = null;
            const data = await socket;
            server.close();
            say('150 opening BINARY data connection');
            const size = statSync(file).size;
            const start = offset;
            offset = 0;
            const cut = cuts > 0 ? (cuts--, Math.floor(size * cutAt)) : null;
            const stream = createReadStream(file, { start, end: cut === null ? undefined : Math.max(start, cut) - 1 });
            stream.pipe(data);
            stream.on('end', () => {
              if (cut === null) {
                data.end(() => say('226 transfer complete'));
              } else {
                data.destroy();
                say('426 connection closed; transfer aborted');
              }
            });
            break;
          }
          case 'QUIT':
            say('221 bye');
            control.end();
            break;
          default:
            say('502 not implemented');
        }
      }
    });
  };

  const server = createServer(session);
  const port = await listen(server);
  const close = async () => {
    for (const s of sockets) s.destroy();
    for (const s of servers) s.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  t.after(close);
  return {
    url: `ftp://127.0.0.1:${port}`,
    port,
    commands,
    cutNext(n, atFraction = 0.5) {
      cuts = n;
      cutAt = atFraction;
    },
    close,
  };
}
