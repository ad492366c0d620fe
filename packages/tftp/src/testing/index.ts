export { tftpGet, TftpClientError, type TftpGetOptions, type TftpGetResult } from './client.js';
export { parsePacket, encodeRequest, encodeAck, encodeError, type Packet } from '../packet.js';
export { toNetascii, fromNetascii } from '../netascii.js';
