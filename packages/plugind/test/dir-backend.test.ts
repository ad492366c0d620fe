import { runBackendContract } from './backends.contract.js';

runBackendContract('dir');
