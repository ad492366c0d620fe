/**
 * The golden-file fixtures of this family: a device and a raw config each, planned through the SDK
 * like provd would, plus the common files rendered from the base raw config. Family-independent:
 * it reads the plugin folder and id from ../src/index.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Device, FamilyPlan, PlannedFile, RawConfig } from '@dialtone/plugin-sdk';
import { applyRawConfigDefaults, applyStandardTransforms, loadFamily, planFamilyConfigure } from '@dialtone/plugin-sdk';
import { createTestContext, DEFAULT_BASE_RAW_CONFIG } from '@dialtone/plugin-sdk/testing';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

export const fixturesDir = fileURLToPath(new URL('./fixtures', import.meta.url));
export const goldenDir = fileURLToPath(new URL('./golden', import.meta.url));
/** Golden folder of the common files (configureCommon with the default base raw config). */
export const COMMON = '_common';

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
  const family = await loadFamily(pluginDir);
  const { ctx } = createTestContext({ dir: pluginDir, id: PLUGIN_ID });
  return planFamilyConfigure(family, fixture.device, applyRawConfigDefaults(structuredClone({ ...DEFAULT_BASE_RAW_CONFIG, ...fixture.raw })), ctx);
}

/** What configureCommon renders with the default base raw config. */
export async function planCommon(): Promise<FamilyPlan> {
  const family = await loadFamily(pluginDir);
  const { ctx } = createTestContext({ dir: pluginDir, id: PLUGIN_ID });
  const context = structuredClone(DEFAULT_BASE_RAW_CONFIG) as RawConfig;
  applyStandardTransforms(family, context, ctx);
  await family.hooks.transformCommonRaw?.(context, ctx as never);
  const files: PlannedFile[] = family.commonFiles.map((f) => ({ name: f.name.source, templates: (f.templates ?? []).map((t) => t.source), encoding: f.encoding, errors: f.errors }));
  return { context, files };
}

export function filesUnder(dir: string, base = dir): string[] {
  let out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out = entry.isDirectory() ? out.concat(filesUnder(path, base)) : out.concat(path.slice(base.length + 1));
  }
  return out.sort();
}
