/**
 * The cross-node half of the change feed on PostgreSQL: one dedicated connection (not from the
 * pool) that LISTENs on the schema's channel. When it is lost (network, server restart,
 * `pg_terminate_backend`), it reconnects with a growing delay and reports `connected` again once
 * it LISTENs anew; the store then reads back what it missed from the `changes` table.
 */
import pg from 'pg';

export interface ListenerHandlers {
  payload(text: string): void;
  /** LISTEN is in place (first time, or after a reconnect). */
  connected(): void;
  lost(err: unknown): void;
}

export interface ChangeListenerHandle {
  close(): Promise<void>;
}

const MAX_DELAY_MS = 2000;

export async function listenForChanges(
  config: pg.ClientConfig,
  channel: string,
  handlers: ListenerHandlers,
): Promise<ChangeListenerHandle> {
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let delay = 50;

  const connect = async (): Promise<void> => {
    const c = new pg.Client(config);
    let lostReported = false;
    const onLost = (err: unknown) => {
      if (lostReported || closed) return;
      lostReported = true;
      if (client === c) client = null;
      c.end().catch(() => undefined);
      handlers.lost(err);
      schedule();
    };
    c.on('error', onLost);
    c.on('end', () => onLost(new Error('the LISTEN connection ended')));
    c.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload !== undefined) handlers.payload(msg.payload);
    });
    await c.connect();
    await c.query(`LISTEN "${channel}"`);
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    delay = 50;
    handlers.connected();
  };

  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      connect().catch((err: unknown) => {
        delay = Math.min(delay * 2, MAX_DELAY_MS);
        if (!closed) schedule();
        void err;
      });
    }, delay);
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
