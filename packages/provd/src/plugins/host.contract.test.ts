import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFileSinkContract, runPluginHostContract } from '@dialtone/plugin-sdk/testing';
import pino from 'pino';
import { GeneratedFiles } from '../files/generated-files.js';
import { PluginHost } from './host.js';

runFileSinkContract('provd generated-files', async () => {
  const root = mkdtempSync(join(tmpdir(), 'sink-contract-'));
  const files = new GeneratedFiles(root);
  return {
    sink: files.sinkFor('p1'),
    other: files.sinkFor('p2'),
    async close() {
      await files.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
});

runPluginHostContract('provd', async () => {
  const root = mkdtempSync(join(tmpdir(), 'host-contract-provd-'));
  const files = new GeneratedFiles(join(root, 'generated'));
  const baseRawConfig: Record<string, unknown> = {};
  const host = new PluginHost({ pluginsDir: join(root, 'plugins'), files, log: pino({ level: 'silent' }), general: {}, pluginConfig: {}, baseRawConfig });
  return {
    async load(dir, id, base) {
      for (const key of Object.keys(baseRawConfig)) delete baseRawConfig[key];
      Object.assign(baseRawConfig, base);
      cpSync(dir, join(root, 'plugins', id), { recursive: true });
      if (!(await host.load(id))) {
        const state = host.states().find((s) => s.id === id);
        throw Object.assign(new Error(state?.error?.message ?? 'not loaded'), { code: state?.error?.code });
      }
      const loaded = host.get(id)!;
      return { info: loaded.info, plugin: loaded.plugin, files: files.sinkFor(id) };
    },
    async close() {
      await host.close();
      await files.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
});
