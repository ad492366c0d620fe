export { Operation } from './operation.js';
export type { OperationState } from './operation.js';
export { OperationRegistry } from './registry.js';
export type { OperationRegistryOptions, StartedOperation } from './registry.js';
