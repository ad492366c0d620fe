import { TftpError, TftpErrorCode, bufferSource, createTftpServer, fileSource, type TftpServer } from '@dialtone/tftp';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config/index.js';
import type { GeneratedFiles } from '../files/generated-files.js';
import type { Identifier } from '../identify/pipeline.js';
import { supportsCredentials } from './device-credentials.js';
import { routeToFile } from './route.js';

export interface TftpProvisioningOptions {
  identifier: Identifier;
  files: GeneratedFiles;
  config: ResolvedConfig['tftp'];
  log: Logger;
  security: Logger;
  /** Until set, every read request gets ERROR 0 "starting" (plugins are still loading). */
  ready: ReadyFlag;
  /** http.device_credentials: a device that uses its credentials is served over HTTP only (TFTP cannot carry them). */
  credentials?: boolean;
}

export interface ReadyFlag {
  readonly isSet: boolean;
  set(): void;
}

export function readyFlag(): ReadyFlag {
  let isSet = false;
  return {
    get isSet() {
      return isSet;
    },
    set() {
      isSet = true;
    },
  };
}

/**
 * TFTP provisioning: each read request goes through identification as a TFTP request and is
 * served from the device's plugin (generated files, then static files), like HTTP.
 */
export function createTftpProvisioningServer(opts: TftpProvisioningOptions): TftpServer {
  return createTftpServer({
    host: opts.config.ip,
    port: opts.config.port,
    maxTransfers: opts.config.max_transfers,
    maxTransfersPerClient: opts.config.max_transfers_per_client,
    maxUnconfirmedPerClient: opts.config.max_unconfirmed_per_client,
    initialTimeoutMs: opts.config.timeout_ms,
    maxRetries: opts.config.max_retries,
    async resolve(req) {
      if (!opts.ready.isSet) throw new TftpError(TftpErrorCode.NotDefined, 'starting');
      const ident = await opts.identifier.identify({ kind: 'tftp', filename: req.filename, mode: req.mode, options: req.options, clientIp: req.address });
      if (opts.credentials && ident.device?.provisioning_enrolled === true && ident.plugin && supportsCredentials(ident.plugin.info)) {
        opts.security.warn({ client: req.address, device: ident.device.id, file: req.filename }, `TFTP request for device ${ident.device.id}, whose files need its credentials (HTTP)`);
        throw new TftpError(TftpErrorCode.AccessViolation, 'this device is provisioned over HTTP with credentials');
      }
      const routed = routeToFile(ident, 'tftp', req.filename, opts.files, opts.security);
      if (routed.kind === 'refused') {
        throw new TftpError(routed.status === 400 ? TftpErrorCode.AccessViolation : TftpErrorCode.FileNotFound, routed.reason);
      }
      if (routed.kind === 'generated') return bufferSource(routed.content);
      return fileSource(routed.root, routed.name);
    },
    onTransfer(record) {
      const { client, filename, bytes, blocks, retransmits, ms, outcome, errorCode } = record;
      opts.log.info({ client: client.address, file: filename, bytes, blocks, retransmits, ms, outcome, errorCode }, 'tftp transfer');
    },
    onError(err) {
      opts.log.error({ err }, 'tftp server error');
    },
  });
}
