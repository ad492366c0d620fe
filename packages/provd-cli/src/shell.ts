/**
 * The interactive shell: node:repl with the reference CLI's object model. Promises are awaited
 * for you, operations show their progress, and tab completes objects, methods and plugin ids:
 *
 *   plugins.installed()            plugins.install('digium')        plugins.reload('digium')
 *   plugins.digium.install_all()   plugins['digium'].packages()     devices.find({vendor: 'Digium'})
 *   devices.get(id).reconfigure()  configs.raw('base')              params.set('locale', 'fr_FR')
 */
import repl, { type REPLServer } from 'node:repl';
import { inspect } from 'node:util';
import type { ProvdClient, Selector } from '@dialtone/provd-client';
import { installAll, VERSION } from './commands.js';
import { describeError } from './errors.js';
import type { Output } from './output.js';
import { follow } from './progress.js';

type PluginHandle = {
  info(): Promise<unknown>;
  packages(): Promise<unknown>;
  installed(): Promise<unknown>;
  install(pkg: string): Promise<unknown>;
  install_all(): Promise<string[]>;
};

export function shellObjects(client: ProvdClient, out: Output) {
  const pluginHandle = (id: string): PluginHandle => ({
    info: () => client.plugins.info(id),
    packages: () => client.plugins.packages.installable(id),
    installed: () => client.plugins.packages.installed(id),
    install: async (pkg) => follow(out, await client.plugins.packages.install(id, pkg)),
    install_all: () => installAll(client, out, id),
  });
  const plugins: Record<string, unknown> = {
    installed: () => client.plugins.installed(),
    installable: () => client.plugins.installable(),
    update: async () => follow(out, await client.plugins.update()),
    install: async (id: string) => {
      const status = await follow(out, await client.plugins.install(id));
      await refreshPluginIds();
      return status;
    },
    upgrade: async (id: string) => follow(out, await client.plugins.upgrade(id)),
    uninstall: async (id: string) => {
      await client.plugins.uninstall(id);
      await refreshPluginIds();
    },
    reload: (id: string) => client.plugins.reload(id),
  };
  const methods = new Set(Object.keys(plugins));
  /** Installed plugin ids become properties, so `plugins.<TAB>` offers them. */
  async function refreshPluginIds(): Promise<void> {
    for (const key of Object.keys(plugins)) if (!methods.has(key)) delete plugins[key];
    for (const id of Object.keys(await client.plugins.installed().catch(() => ({})))) {
      if (!methods.has(id)) plugins[id] = pluginHandle(id);
    }
  }
  const devices = {
    find: (q: Selector = {}) => client.devices.list({ q }),
    /** A promise of the device that also has its actions: `devices.get(id).reconfigure()`. */
    get: (id: string) =>
      Object.assign(client.devices.get(id), {
        reconfigure: () => client.devices.reconfigure(id),
        delete: () => client.devices.delete(id),
      }),
    reconfigure: (id: string) => client.devices.reconfigure(id),
  };
  const configs = { find: (q: Selector = {}) => client.configs.list({ q }), get: (id: string) => client.configs.get(id), raw: (id: string) => client.configs.raw(id) };
  const params = { list: () => client.params.list(), get: (name: string) => client.params.get(name as never), set: (name: string, value: string | null) => client.params.set(name as never, value) };
  return { plugins, devices, configs, params, status: () => client.status(), refreshPluginIds };
}

export async function startShell(client: ProvdClient, out: Output, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const objects = shellObjects(client, out);
  await objects.refreshPluginIds();
  out.write(`provd-cli ${VERSION} on ${client.base}: plugins, devices, configs, params, status(). Tab completes; .exit leaves.\n`);
  const server: REPLServer = repl.start({
    prompt: 'provd> ',
    input,
    output,
    terminal: out.tty,
    useColors: out.tty,
    writer: (value) => (value === undefined ? '' : inspect(value, { colors: out.tty, depth: 6 })),
  });
  const { refreshPluginIds: _refresh, ...context } = objects;
  Object.assign(server.context, context);
  // results that are promises are awaited before they are printed
  const evaluate = server.eval.bind(server);
  (server as unknown as { eval: typeof server.eval }).eval = (code, ctx, file, callback) =>
    evaluate(code, ctx, file, (err, result) => {
      if (err || !result || typeof (result as PromiseLike<unknown>).then !== 'function') return callback(err, result);
      (result as Promise<unknown>).then(
        (value) => callback(null, value),
        (error: unknown) => {
          out.error(`${describeError(error).message}\n`);
          callback(null, undefined);
        },
      );
    });
  await new Promise<void>((resolve) => server.on('exit', resolve));
}
