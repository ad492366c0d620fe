/**
 * @dialtone/plugin-sdk/testing: test doubles for plugin authors (a fake host, an in-memory file
 * sink, request builders), so a plugin is tested without phones or provd.
 */
export { createMemoryFileSink } from './memory-sink.js';
export type { MemoryFileSink } from './memory-sink.js';
export { createRecordingLogger, createRecordingSync, createTestContext, dhcpRequest, httpRequest, makeDevice, tftpRequest } from './context.js';
export type { LogEntry, RecordingLogger, RecordingSync, TestContext, TestContextOptions } from './context.js';
export { createTestHost, DEFAULT_BASE_RAW_CONFIG } from './host.js';
export type { TestHost, TestHostOptions } from './host.js';
export { runFileSinkContract } from './sink-contract.js';
export type { SinkUnderTest } from './sink-contract.js';
export { runPluginHostContract } from './host-contract.js';
export type { HostUnderTest } from './host-contract.js';
export { checkGoldenFiles, COMMON_GOLDEN, goldenPassed, readGoldenFixtures } from './golden.js';
export type { GoldenFixture, GoldenOptions, GoldenOutcome } from './golden.js';
