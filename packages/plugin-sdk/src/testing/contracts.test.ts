import { createTestHost } from './host.js';
import { runPluginHostContract } from './host-contract.js';
import { createMemoryFileSink } from './memory-sink.js';
import { runFileSinkContract } from './sink-contract.js';

runFileSinkContract('memory', async () => ({ sink: createMemoryFileSink(), other: createMemoryFileSink(), close: async () => undefined }));

runPluginHostContract('sdk test', async () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  return {
    async load(dir, id, baseRawConfig) {
      const host = await createTestHost(dir, { id, baseRawConfig });
      opened.push(host);
      return { info: host.info, plugin: host.plugin, files: host.files };
    },
    async close() {
      for (const host of opened) await host.close();
    },
  };
});
