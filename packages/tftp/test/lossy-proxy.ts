// A loopback UDP proxy that drops and duplicates a share of datagrams, both ways, for loss tests.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

export interface LossyProxyOptions {
  targetPort: number;
  targetHost?: string;
  /** Share of datagrams dropped, 0–1. */
  dropRate: number;
  /** Share of forwarded datagrams sent twice, 0–1. */
  duplicateRate: number;
  /** PRNG seed, so a run's decisions can be replayed. */
  seed: number;
  /** Clients tracked at once; datagrams from more are dropped. Default 64. */
  maxSessions?: number;
}

export interface LossyProxy {
  port: number;
  stats: { forwarded: number; dropped: number; duplicated: number; sessions: number };
  close(): Promise<void>;
}

interface Session {
  upstream: Socket;
  /** The server's transfer TID once it has answered; until then the target port. */
  server?: { address: string; port: number };
}

/**
 * Each client gets its own upstream socket, so the server sees one TID per
 * client; the server's transfer port is learned from its first answer and
 * the client's later datagrams go there.
 */
export async function startLossyProxy(o: LossyProxyOptions): Promise<LossyProxy> {
  const host = o.targetHost ?? '127.0.0.1';
  const maxSessions = o.maxSessions ?? 64;
  let seed = o.seed | 0;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const stats = { forwarded: 0, dropped: 0, duplicated: 0, sessions: 0 };
  const sessions = new Map<string, Session>();
  const front = createSocket('udp4');

  const forward = (socket: Socket, msg: Buffer, port: number, address: string): void => {
    if (random() < o.dropRate) {
      stats.dropped++;
      return;
    }
    stats.forwarded++;
    socket.send(msg, port, address);
    if (random() < o.duplicateRate) {
      stats.duplicated++;
      socket.send(msg, port, address);
    }
  };

  front.on('message', (msg: Buffer, client: RemoteInfo) => {
    const key = `${client.address}:${client.port}`;
    let session = sessions.get(key);
    if (session === undefined) {
      if (sessions.size >= maxSessions) return;
      const upstream = createSocket('udp4');
      const created: Session = { upstream };
      upstream.on('message', (reply: Buffer, server: RemoteInfo) => {
        created.server ??= { address: server.address, port: server.port };
        forward(front, reply, client.port, client.address);
      });
      upstream.bind(0, '127.0.0.1');
      sessions.set(key, created);
      stats.sessions++;
      session = created;
    }
    const to = session.server ?? { address: host, port: o.targetPort };
    forward(session.upstream, msg, to.port, to.address);
  });
  await new Promise<void>((resolve) => front.bind(0, '127.0.0.1', () => resolve()));
  return {
    port: front.address().port,
    stats,
    close: async () => {
      await Promise.all([...sessions.values()].map((s) => new Promise<void>((resolve) => s.upstream.close(() => resolve()))));
      sessions.clear();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
}
