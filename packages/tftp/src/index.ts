export { createTftpServer, type TftpServer, type TftpServerStats } from './server.js';
export type { TftpReadRequest, TftpResolver, TftpServerOptions, TftpTransferRecord } from './config.js';
export { TftpError, TftpErrorCode, TftpConfigError, isTftpError } from './errors.js';
export { bufferSource, type TftpSource } from './source.js';
export { fileSource, type FileSourceOptions } from './file-source.js';
export { createFileCache, defaultFileCache, type FileCache, type FileCacheOptions, type FileCacheStats } from './file-cache.js';
export { toRelativePath } from './safe-path.js';
export type { TransferOutcome } from './transfer.js';
