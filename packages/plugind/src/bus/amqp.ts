import amqp from 'amqplib';
import type { Logger } from 'pino';
import type { JobEvent } from '../pipeline/jobs.js';

export interface BusPublisher {
  publish(event: JobEvent): void;
  /** Waits for every queued event to be handed to the broker. */
  flush(): Promise<void>;
  status(): { status: 'ok' | 'fail' | 'connecting'; error?: string };
  close(): Promise<void>;
}

/** The routing key: `plugin.install.<uuid>.<status>`, spaces in statuses as `_` (`installing_dependencies`). */
export function routingKey(e: JobEvent): string {
  return `plugin.${e.kind}.${e.uuid}.${e.status.replace(/ /g, '_')}`;
}

/**
 * Publishes job events to a RabbitMQ topic exchange (declared, non-durable), in order. The bus is
 * never on a job's path: when it is down, events are logged and dropped, and `/status` says so.
 */
export function createBusPublisher(opts: { url: string; exchange: string; log: Logger }): BusPublisher {
  let conn: amqp.ChannelModel | undefined;
  let channel: amqp.ConfirmChannel | undefined;
  let state: 'ok' | 'fail' | 'connecting' = 'connecting';
  let lastError: string | undefined;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  let nextAttempt = 0;

  const ensure = async (): Promise<amqp.ConfirmChannel | undefined> => {
    if (channel) return channel;
    if (closed || Date.now() < nextAttempt) return undefined;
    try {
      conn = await amqp.connect(opts.url);
      conn.on('error', (err: Error) => opts.log.warn({ err: err.message }, 'bus connection error'));
      conn.on('close', () => {
        channel = undefined;
        conn = undefined;
        if (!closed) state = 'fail';
      });
      const ch = await conn.createConfirmChannel();
      await ch.assertExchange(opts.exchange, 'topic', { durable: false });
      channel = ch;
      state = 'ok';
      return ch;
    } catch (err) {
      state = 'fail';
      lastError = (err as Error).message;
      nextAttempt = Date.now() + 5000;
      opts.log.warn({ err: lastError }, 'bus unreachable; events are not published');
      return undefined;
    }
  };

  return {
    publish(event) {
      chain = chain.then(async () => {
        const ch = await ensure();
        if (!ch) return;
        const name = event.kind === 'install' ? 'plugin_install_progress' : 'plugin_uninstall_progress';
        const body = Buffer.from(JSON.stringify({ name, origin_uuid: null, data: event }));
        await new Promise<void>((resolve) => {
          ch.publish(opts.exchange, routingKey(event), body, { contentType: 'application/json', headers: { name } }, (err: unknown) => {
            if (err) opts.log.warn({ err: String(err) }, 'bus publish not confirmed');
            resolve();
          });
        });
      });
    },
    flush: () => chain,
    status: () => ({ status: state, ...(state === 'fail' && lastError ? { error: lastError } : {}) }),
    async close() {
      closed = true;
      await chain.catch(() => undefined);
      await conn?.close().catch(() => undefined);
    },
  };
}
