export { runCli } from './run.js';
export { buildProgram, VERSION } from './commands.js';
export { EXIT } from './errors.js';
export { describeStatus } from './progress.js';
