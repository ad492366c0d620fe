import { archive, promote, publish } from '../channels.js';
import { need } from '../cli.js';

type Io = { stdout(t: string): void };
const report = (io: Io, change: { added: string[]; unchanged: string[] }) => {
  for (const id of change.added) io.stdout(`added ${id}\n`);
  for (const id of change.unchanged) io.stdout(`same  ${id}\n`);
};

export const publishCommand = {
  usage: 'publish --from <build folder> --channel <channel> <repository folder or http(s) URL> [ids…]',
  summary:
    'Adds the bundles of a build folder (all, or the given ids) to <repository>/<channel>/ and its plugins.db. Refuses, before\nwriting anything, a version already published with other content or older than the published one. A URL\nrepository gets HTTP PUTs (bundles first, plugins.db last).',
  options: { from: { type: 'string' }, channel: { type: 'string', short: 'c' } },
  async run(positionals: string[], values: Record<string, unknown>, io: Io): Promise<number> {
    need(typeof values.from === 'string', 'publish: --from <build folder> is required');
    need(typeof values.channel === 'string', 'publish: --channel <channel> is required');
    need(positionals.length >= 1, 'publish: give the repository');
    const [repository, ...ids] = positionals;
    report(io, await publish(values.from, repository, values.channel, ids));
    return 0;
  },
} as const;

export const promoteCommand = {
  usage: 'promote <from channel> <to channel> <repository> [ids…]',
  summary: 'Copies the bundles of one channel (all, or the given ids) to another, with the checks of publish.',
  options: {},
  async run(positionals: string[], _values: Record<string, unknown>, io: Io): Promise<number> {
    need(positionals.length >= 3, 'promote: give <from> <to> <repository>');
    const [from, to, repository, ...ids] = positionals;
    report(io, await promote(repository, from, to, ids));
    return 0;
  },
} as const;

export const archiveCommand = {
  usage: 'archive <repository folder> [--channel <channel>]…',
  summary: 'Moves the bundles a channel (default testing and stable) no longer lists in its plugins.db to <repository>/archive/.',
  options: { channel: { type: 'string', short: 'c', multiple: true } },
  async run(positionals: string[], values: Record<string, unknown>, io: Io): Promise<number> {
    need(positionals.length === 1, 'archive: give the repository folder');
    const moved = await archive(positionals[0], (values.channel as string[] | undefined) ?? ['testing', 'stable']);
    for (const m of moved) io.stdout(`archived ${m}\n`);
    return 0;
  },
} as const;
