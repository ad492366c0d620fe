export { ProvdClient, PROVD_MEDIA_TYPE, type ProvdClientOptions, type RawResponse } from './client.js';
export { OperationParseError, ProvdApiError, ProvdConnectionError } from './errors.js';
export { Operation, operationPath, parseOperationStatus, type OperationTransport } from './operation.js';
export type * from './types.js';
