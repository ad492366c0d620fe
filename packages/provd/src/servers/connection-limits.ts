/**
 * Bounds on the HTTP provisioning port, so that a flood of idle connections cannot take the
 * process's file descriptors (and with them the REST API and TFTP): a total cap kept below the
 * descriptor limit minus a reserve, a cap per source address, and short timeouts for idle
 * connections and slow headers.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerSource: number;
  /** An open connection that sends nothing for this long is closed. */
  idleTimeoutMs: number;
  /** A request's headers must have arrived within this time. */
  headersTimeoutMs: number;
  /** Descriptors kept free for the REST API, TFTP, the database and files. */
  reserveDescriptors: number;
}

export interface ConnectionStats {
  open: number;
  refusedTotal: number;
  refusedPerSource: number;
  /** Idle connections closed to make room for a new one at the total cap. */
  evicted: number;
}

/** The soft limit on open files of this process (Linux), or null when it cannot be read. */
export function openFilesLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft && /^\d+$/.test(soft) ? Number(soft) : null;
  } catch {
    return null;
  }
}

/** The total cap actually applied: the configured one, lowered to leave the reserve free. */
export function effectiveMaxConnections(limits: ConnectionLimits, fileLimit = openFilesLimit()): number {
  if (fileLimit === null) return limits.maxConnections;
  return Math.max(16, Math.min(limits.maxConnections, fileLimit - limits.reserveDescriptors));
}

/**
 * At the total cap, the connection idle the longest (connected, no request under way) is closed
 * to make room: a flood of idle connections from many addresses then churns among itself, and a
 * phone that connects and asks at once is still served. Only when every connection is busy is a
 * new one refused.
 */
export function limitConnections(server: Server, limits: ConnectionLimits, onRefused: (source: string, reason: 'total' | 'per-source') => void): () => ConnectionStats {
  const perSource = new Map<string, number>();
  const stats: ConnectionStats = { open: 0, refusedTotal: 0, refusedPerSource: 0, evicted: 0 };
  const maxTotal = effectiveMaxConnections(limits);
  // insertion order: the first is the one idle the longest
  const idle = new Set<Socket>();
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.headersTimeoutMs * 3;
  server.on('request', (req: { socket: Socket }, res: { once(event: 'finish', fn: () => void): void }) => {
    const socket = req.socket;
    idle.delete(socket);
    res.once('finish', () => {
      if (!socket.destroyed) idle.add(socket);
    });
  });
  server.on('connection', (socket: Socket) => {
    const source = socket.remoteAddress ?? '';
    const count = perSource.get(source) ?? 0;
    if (stats.open >= maxTotal && count < limits.maxConnectionsPerSource && idle.size > 0) {
      const oldest = idle.values().next().value as Socket;
      idle.delete(oldest);
      oldest.destroy();
      stats.evicted++;
      // its 'close' (which lowers stats.open) comes later: count the room it leaves now
      stats.open--;
      oldest.once('close', () => stats.open++);
    }
    if (stats.open >= maxTotal || count >= limits.maxConnectionsPerSource) {
      const reason = stats.open >= maxTotal ? 'total' : 'per-source';
      if (reason === 'total') stats.refusedTotal++;
      else stats.refusedPerSource++;
      socket.destroy();
      onRefused(source, reason);
      return;
    }
    stats.open++;
    perSource.set(source, count + 1);
    idle.add(socket);
    socket.setTimeout(limits.idleTimeoutMs, () => socket.destroy());
    socket.once('close', () => {
      idle.delete(socket);
      stats.open--;
      const left = (perSource.get(source) ?? 1) - 1;
      if (left <= 0) perSource.delete(source);
      else perSource.set(source, left);
    });
  });
  return () => ({ ...stats });
}
