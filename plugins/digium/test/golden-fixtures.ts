/** The golden-file fixtures: a device and a raw config each, planned through the SDK like provd would. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Device, FamilyPlan, RawConfig } from '@dialtone/plugin-sdk';
import { applyRawConfigDefaults, loadFamily, planFamilyConfigure } from '@dialtone/plugin-sdk';
import { createTestContext, DEFAULT_BASE_RAW_CONFIG } from '@dialtone/plugin-sdk/testing';
import { digiumPluginDir } from '../src/index.js';

export const fixturesDir = fileURLToPath(new URL('./fixtures', import.meta.url));
export const goldenDir = fileURLToPath(new URL('./golden', import.meta.url));

export interface GoldenFixture {
  readonly name: string;
  readonly description: string;
  readonly device: Device;
  readonly raw: RawConfig;
}

export function goldenFixtures(): GoldenFixture[] {
  return readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json') && f !== 'bundle-package.json')
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), ...(JSON.parse(readFileSync(join(fixturesDir, f), 'utf8')) as Omit<GoldenFixture, 'name'>) }));
}

/** What configure renders for the fixture: the raw config over the base one, provd's defaults, then the family's plan. */
export async function planFixture(fixture: GoldenFixture): Promise<FamilyPlan> {
  const family = await loadFamily(digiumPluginDir);
  const { ctx } = createTestContext({ dir: digiumPluginDir, id: 'digium-1.4.0.0' });
  return planFamilyConfigure(family, fixture.device, applyRawConfigDefaults(structuredClone({ ...DEFAULT_BASE_RAW_CONFIG, ...fixture.raw })), ctx);
}
