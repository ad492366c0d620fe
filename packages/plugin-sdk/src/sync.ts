import type { Device } from './device.js';
import { SdkError, SdkErrorCode } from './errors.js';
import type { PluginContext, SipNotifyTarget } from './plugin.js';

/** Autoprov SIP accounts are `ap` + 8 characters; a NOTIFY to one would reach the wrong phone. */
function isAutoprovUsername(name: string): boolean {
  return name.startsWith('ap') && name.length === 10;
}

/**
 * Who to NOTIFY for a device, as the reference decides: its SIP endpoint (the remote-state
 * username) unless that is an autoprov account, else `sip:anonymous@<ip>`; null for neither.
 */
export function sipNotifyTarget(device: Device): SipNotifyTarget | null {
  const user = device.remote_state_sip_username;
  if (typeof user === 'string' && user !== '' && !isAutoprovUsername(user)) return { endpoint: user };
  if (typeof device.ip === 'string' && device.ip !== '') return { uri: `sip:anonymous@${device.ip}` };
  return null;
}

/**
 * The usual `synchronize`: a SIP NOTIFY `Event: check-sync` through the host. Throws
 * DT_ERR_SYNC_UNSUPPORTED when the host cannot send NOTIFYs or the device has no target.
 */
export async function standardSipSynchronize(ctx: Pick<PluginContext, 'sync'>, device: Device, event = 'check-sync'): Promise<void> {
  if (!ctx.sync) throw new SdkError(SdkErrorCode.SYNC_UNSUPPORTED, 'this host cannot send SIP NOTIFY', { device: device.id });
  const target = sipNotifyTarget(device);
  if (!target) {
    throw new SdkError(SdkErrorCode.SYNC_UNSUPPORTED, `device ${device.id} has neither a SIP username nor an IP address to notify`, { device: device.id });
  }
  await ctx.sync.sipNotify(target, event);
}
