/**
 * The `sync` capability provd lends every plugin (`ctx.sync.sipNotify(target, event)`): a SIP
 * NOTIFY sent straight to the device (sync.type sip) or through Asterisk's AMI (sync.type ami).
 * A plugin's synchronize runs inside `run(device, …)`, which tells a direct NOTIFY where the
 * phone is: the capability's target names a SIP account or URI, not an address.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import type { Device, RawConfig, SipNotifyTarget, SyncCapability } from '@dialtone/plugin-sdk';
import type { ResolvedConfig } from '../config/index.js';
import { errors } from '../errors.js';
import { amiPjsipNotify } from './ami.js';
import { sendSipNotify, type SipNotifyAnswer } from './sip-notify.js';
import { sendSipNotifyTcp } from './sip-notify-tcp.js';

export interface SyncTransportEvents {
  /** Called after each NOTIFY the phone (or Asterisk) accepted. */
  sent?(info: { device: string; via: 'sip' | 'ami'; event: string; target: string; answer?: SipNotifyAnswer }): void;
}

export class SyncTransport {
  private readonly current = new AsyncLocalStorage<{ device: Device; raw: RawConfig }>();
  /** What the plugin host puts in each plugin's context. */
  readonly capability: SyncCapability;

  constructor(private readonly settings: ResolvedConfig['sync'], private readonly events: SyncTransportEvents = {}) {
    this.capability = { sipNotify: (target, event) => this.notify(target, event) };
  }

  private caBundle: Buffer | null | undefined;

  /** The CA bundle of `sync.sip.tls_ca_file`, read once; null: phone certificates are not checked. */
  private tlsCa(): Buffer | null {
    if (this.caBundle === undefined) {
      const file = this.settings.sip.tls_ca_file;
      try {
        this.caBundle = file ? readFileSync(file) : null;
      } catch (err) {
        throw errors.syncFailed(`cannot read sync.sip.tls_ca_file ${file}: ${(err as Error).message}`);
      }
    }
    return this.caBundle;
  }

  /** Runs a plugin's synchronize for this device (its flattened raw config says the SIP transport). */
  run<T>(device: Device, raw: RawConfig, fn: () => Promise<T>): Promise<T> {
    return this.current.run({ device, raw }, fn);
  }

  private async notify(target: SipNotifyTarget, event: string): Promise<void> {
    const { device, raw } = this.current.getStore() ?? {};
    const id = device?.id ?? '(unknown)';
    const { type, sip, ami } = this.settings;
    if (type === 'none') throw errors.syncUnsupported('synchronize is off (sync.type: none)');
    if (type === 'ami') {
      await amiPjsipNotify({ host: ami.host, port: ami.port, username: ami.username, secret: ami.secret, timeoutMs: ami.timeout_ms }, target, event);
      this.events.sent?.({ device: id, via: 'ami', event, target: 'endpoint' in target ? target.endpoint : target.uri });
      return;
    }
    const ip = typeof device?.ip === 'string' ? device.ip : '';
    if (!ip) throw errors.syncUnsupported(`device ${id} has no IP address to send the SIP NOTIFY to`);
    const transport = typeof raw?.sip_transport === 'string' ? raw.sip_transport : 'udp';
    if (transport !== 'udp' && transport !== 'tcp' && transport !== 'tls') throw errors.syncUnsupported(`device ${id}: a SIP NOTIFY over ${transport} is not supported (udp, tcp, tls)`);
    const ownPort = Number(device?.X_sip_port);
    const port = Number.isInteger(ownPort) && ownPort > 0 && ownPort < 65536 ? ownPort : transport === 'tls' ? sip.tls_port : sip.port;
    const host = ip.includes(':') ? `[${ip}]` : ip;
    const uri = 'endpoint' in target ? `${transport === 'tls' ? 'sips' : 'sip'}:${target.endpoint}@${host}:${port}` : target.uri;
    const request = { host: ip, port, uri, event, localIp: sip.local_ip, timers: { t1Ms: sip.t1_ms, t2Ms: sip.t2_ms, timeoutMs: sip.timeout_ms } };
    const answer =
      transport === 'udp' ? await sendSipNotify(request)
      : transport === 'tcp' ? await sendSipNotifyTcp(request)
      : await sendSipNotifyTcp(request, { tls: { ca: this.tlsCa() } });
    this.events.sent?.({ device: id, via: 'sip', event, target: `${transport}:${ip}:${port}`, answer });
  }
}
