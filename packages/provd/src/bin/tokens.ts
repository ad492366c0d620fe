import { parseExpiry, TokenStore } from '@dialtone/auth';
import type { Command } from 'commander';
import { storeTokenRepository } from '../auth/index.js';
import type { ResolvedConfig } from '../config/index.js';
import { openStore } from '../store/index.js';

/**
 * `provd tokens create|list|revoke`: the built-in token store, edited straight in provd's
 * database (works while provd runs; every node sharing the database sees the change at once).
 */
export function addTokenCommands(program: Command, configOf: () => ResolvedConfig): void {
  const tokens = program.command('tokens').description('manage REST API tokens of the built-in token store');
  const withStore = async <T>(fn: (store: TokenStore, config: ResolvedConfig) => Promise<T>): Promise<T> => {
    const config = configOf();
    const db = await openStore({ url: config.database.url!, idGenerator: config.database.generator, ...(config.database.schema ? { schema: config.database.schema } : {}) });
    try {
      return await fn(new TokenStore(storeTokenRepository(db)), config);
    } finally {
      await db.close();
    }
  };

  tokens
    .command('create')
    .description('create a token and print it (the secret is shown only once)')
    .requiredOption('--acl <acl...>', 'ACLs granted, e.g. provd.# or provd.dev_mgr.devices.read (* one segment, # any, !acl denies)')
    .option('--expires <duration>', 'lifetime: seconds, or 90s, 15m, 12h, 30d, or never', 'never')
    .option('--tenant <uuid>', 'the token\'s tenant (default: the provd tenant)')
    .option('--label <text>', 'a note shown by list', '')
    .option('--json', 'print the token and its record as JSON')
    .action(async (opts: { acl: string[]; expires: string; tenant?: string; label: string; json?: boolean }) => {
      await withStore(async (store, config) => {
        const tenant = opts.tenant ?? config.general.provd_tenant_uuid ?? (await provdTenantOf(config));
        const { token, record } = await store.create({ acl: opts.acl, tenant_uuid: tenant, label: opts.label, expiresIn: parseExpiry(opts.expires) });
        if (opts.json) console.log(JSON.stringify({ token, ...record }));
        else console.log(token);
      });
    });

  tokens
    .command('list')
    .description('list tokens (id, tenant, ACLs, expiry; never the secret)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withStore(async (store) => {
        const list = await store.list();
        if (opts.json) return console.log(JSON.stringify(list, null, 2));
        for (const t of list) console.log(`${t.id}  tenant=${t.tenant_uuid}  expires=${t.expires_at ?? 'never'}  acl=${t.acl.join(',')}${t.label ? `  label=${JSON.stringify(t.label)}` : ''}`);
      });
    });

  tokens
    .command('revoke <id>')
    .description('revoke a token by its id (as list shows it)')
    .action(async (id: string) => {
      const found = await withStore((store) => store.revoke(id));
      if (!found) {
        console.error(`provd: no token with id ${JSON.stringify(id)}`);
        process.exitCode = 1;
      }
    });
}

async function provdTenantOf(config: ResolvedConfig): Promise<string> {
  const db = await openStore({ url: config.database.url!, ...(config.database.schema ? { schema: config.database.schema } : {}) });
  try {
    const t = await db.meta.get('provd_tenant_uuid');
    if (typeof t !== 'string') throw new Error('no provd tenant yet: start provd once, or pass --tenant');
    return t;
  } finally {
    await db.close();
  }
}
