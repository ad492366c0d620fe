export { Synchronizer } from './synchronizer.js';
export type { SynchronizerOptions } from './synchronizer.js';
export { SyncTransport } from './transport.js';
export type { SyncTransportEvents } from './transport.js';
export { sendSipNotify, buildNotify, parseAnswer } from './sip-notify.js';
export { sendSipNotifyTcp } from './sip-notify-tcp.js';
export type { SipNotifyAnswer, SipNotifyRequest, SipTimers } from './sip-notify.js';
export { amiPjsipNotify } from './ami.js';
export type { AmiNotifyTarget, AmiSettings } from './ami.js';
