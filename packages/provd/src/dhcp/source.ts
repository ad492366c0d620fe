/**
 * Reads the installed families' declarations (family.yml) once per set of loaded plugins, and
 * renders the configuration of each DHCP server from them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILY_FILE, loadFamily, type Family } from '@dialtone/plugin-sdk';
import { renderDnsmasq, renderIsc, renderKea, type DhcpConfigInput, type DhcpServerKind } from './render.js';
import { vendorClasses } from './vendor-classes.js';

export interface DhcpConfigSourceOptions {
  /** The plugins loaded now, with the folder each was loaded from. */
  loadedPlugins(): ReadonlyArray<{ id: string; version: string | null; dir: string }>;
  provisioningUrl(): string;
}

export class DhcpConfigSource {
  private cached: { key: string; families: Promise<Array<{ plugin: string; family: Family }>> } | null = null;

  constructor(private readonly options: DhcpConfigSourceOptions) {}

  async render(kind: DhcpServerKind): Promise<string> {
    const input = await this.input();
    if (kind === 'isc') return renderIsc(input);
    if (kind === 'kea') return `${JSON.stringify(renderKea(input), null, 2)}\n`;
    return renderDnsmasq(input);
  }

  private async input(): Promise<DhcpConfigInput> {
    const { classes, skipped } = vendorClasses(await this.families());
    const url = this.options.provisioningUrl();
    return { classes, skipped, provisioningUrl: url.endsWith('/') ? url : `${url}/` };
  }

  /** Families are read again only when the loaded plugins (or their versions) change. */
  private families(): Promise<Array<{ plugin: string; family: Family }>> {
    const plugins = this.options.loadedPlugins();
    const key = plugins.map((p) => `${p.id}@${p.version}`).sort().join(',');
    if (this.cached?.key !== key) {
      const families = Promise.all(
        plugins.filter((p) => existsSync(join(p.dir, FAMILY_FILE))).map(async (p) => ({ plugin: p.id, family: await loadFamily(p.dir) })),
      );
      this.cached = { key, families };
      families.catch(() => {
        if (this.cached?.families === families) this.cached = null;
      });
    }
    return this.cached.families;
  }
}
