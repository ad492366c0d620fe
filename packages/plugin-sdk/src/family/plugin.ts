/** Turns a Family into a ProvdPlugin. */
import { cloneOrdered } from '@dialtone/jinja';
import type { Device, DeviceInfo, RawConfig } from '../device.js';
import { SdkError, SdkErrorCode, TimezoneNotFoundError } from '../errors.js';
import { formatMac } from '../mac.js';
import type { DeviceInfoExtractor, PluginContext, PluginExtractors, ProvdPlugin } from '../plugin.js';
import type { ProvRequest, ProvRequestKind } from '../requests.js';
import { standardSipSynchronize } from '../sync.js';
import type { EncodeErrors, TextEncoding } from '../templates/encode.js';
import { createTemplateHelper, deviceTemplateCandidates, type TemplateHelper } from '../templates/helper.js';
import { funckeyList } from '../transforms/funckeys.js';
import { localeInfo, mapLocale } from '../transforms/locale.js';
import { phonebookUrl } from '../transforms/phonebook.js';
import { serverUrl, withoutScheme } from '../transforms/server-url.js';
import { applySipLineDefaults, sipLineList } from '../transforms/sip-lines.js';
import { getTimezoneInfo } from '../tz/timezone.js';
import { associateWithTable, extractWithRules } from './identify.js';
import { expandNamePattern, type NamePattern } from './name-pattern.js';
import type { Family, FileSpec } from './types.js';

/** One file configure will write: its served name, template candidates and encoding. */
export interface PlannedFile {
  readonly name: string;
  readonly templates: readonly string[];
  readonly encoding: TextEncoding;
  readonly errors: EncodeErrors;
}

export interface FamilyPlan {
  /** The template context: the raw config after the standard transforms and hooks. */
  readonly context: RawConfig;
  readonly files: readonly PlannedFile[];
}

type FamilyContext = Pick<PluginContext, 'log'> & Partial<PluginContext>;

/** `{ mac: '000fd3054848', model: 'D70', … }` as the family's patterns see a device. */
export function devicePlaceholders(family: Pick<Family, 'macFormat'>, device: Partial<Device>): Record<string, string | undefined> {
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  let mac: string | undefined;
  if (typeof device.mac === 'string') {
    try {
      mac = formatMac(device.mac, family.macFormat);
    } catch {
      mac = undefined;
    }
  }
  return { mac, model: str(device.model), vendor: str(device.vendor), version: str(device.version), sn: str(device.sn), uuid: str(device.uuid), id: str(device.id) };
}

/** The device file names (null for files whose placeholders the device lacks). */
export function deviceFileNames(family: Family, device: Partial<Device>): Array<string | null> {
  const values = devicePlaceholders(family, device);
  return family.files.map((f) => expandNamePattern(f.name, values));
}

/**
 * What configure would render, without rendering: the transformed context and the files. Throws
 * DT_ERR_DEVICE_INCOMPLETE when the device lacks a key a file name needs (the MAC, usually).
 */
export async function planFamilyConfigure(family: Family, device: Device, raw: RawConfig, ctx: FamilyContext): Promise<FamilyPlan> {
  const values = devicePlaceholders(family, device);
  const files = family.files.map((spec) => planFile(spec, values, device));
  const context = cloneOrdered(raw);
  applyStandardTransforms(family, context, ctx);
  context.XX_mac = values.mac;
  context.XX_device = { id: device.id, mac: device.mac, vendor: device.vendor, model: device.model, version: device.version };
  context.XX_capabilities = typeof device.model === 'string' && Object.hasOwn(family.models, device.model) ? family.models[device.model] : {};
  await family.hooks.transformRaw?.(context, device, ctx as PluginContext);
  return { context, files };
}

function planFile(spec: FileSpec, values: Record<string, string | undefined>, device: Device): PlannedFile {
  const name = expandNamePattern(spec.name, values);
  if (name === null) {
    const missing = [...spec.name.placeholders].filter((p) => values[p] === undefined);
    throw new SdkError(SdkErrorCode.DEVICE_INCOMPLETE, `device ${device.id} has no ${missing.join(', ')}: needed for ${spec.name.source}`, { device: device.id, missing });
  }
  const templates = spec.templates === null ? deviceTemplateCandidates(name, device) : expandAll(spec.templates, values);
  return { name, templates, encoding: spec.encoding, errors: spec.errors };
}

function expandAll(patterns: readonly NamePattern[], values: Record<string, string | undefined>): string[] {
  return patterns.map((p) => expandNamePattern(p, values)).filter((n): n is string => n !== null);
}

/** Applies the transforms the family enables, in a fixed order; see docs/reference/family-yml.md. */
export function applyStandardTransforms(family: Family, raw: RawConfig, ctx: FamilyContext): void {
  const t = family.transforms;
  if (t.serverUrl) {
    const url = serverUrl(raw);
    if (url !== null) {
      raw.XX_server_url = url;
      raw.XX_server_url_without_scheme = withoutScheme(url);
    }
  }
  if (t.sipLines) {
    applySipLineDefaults(raw);
    raw.XX_sip_lines = sipLineList(raw);
  }
  if (t.funckeys) raw.XX_funckeys = funckeyList(raw);
  if (t.locale) {
    const info = localeInfo(raw.locale);
    if (info) {
      raw.XX_locale = info.locale;
      raw.XX_language = info.language;
      if (info.country) raw.XX_country = info.country;
    }
    const lang = mapLocale(raw.locale, t.locale.map, t.locale.default) ?? info?.locale;
    if (lang !== undefined) raw.XX_lang = lang;
  }
  if (t.timezone && typeof raw.timezone === 'string' && raw.timezone !== '') {
    try {
      raw.XX_timezone = getTimezoneInfo(raw.timezone);
    } catch (err) {
      if (!(err instanceof TimezoneNotFoundError) && !(err instanceof SdkError)) throw err;
      ctx.log.warn({ timezone: raw.timezone, err: (err as Error).message }, 'unknown time zone: left out of the configuration');
    }
  }
  if (t.phonebook) {
    const url = phonebookUrl(raw, t.phonebook.vendor, t.phonebook);
    if (url !== null) raw.XX_xivo_phonebook_url = url;
  }
}

export async function createFamilyPlugin(family: Family, ctx: PluginContext): Promise<ProvdPlugin> {
  let templates: TemplateHelper | null = null;
  const helper = () => (templates ??= createTemplateHelper({ dir: family.dir }));

  const extractor = (kind: ProvRequestKind): DeviceInfoExtractor<ProvRequest> | undefined => {
    if (family.identify[kind].length === 0 && !family.hooks.extract) return undefined;
    const hook = family.hooks.extract;
    // without a hook, extraction stays synchronous: provd then answers a known phone without a promise
    if (!hook) return { extract: (req: ProvRequest): DeviceInfo | null => extractWithRules(family, req) };
    return {
      async extract(req: ProvRequest): Promise<DeviceInfo | null> {
        return (await hook(req, extractWithRules(family, req), ctx)) ?? null;
      },
    };
  };
  const extractors: PluginExtractors = { dhcp: extractor('dhcp'), http: extractor('http'), tftp: extractor('tftp') };

  const render = async (name: string, candidates: readonly string[], context: RawConfig, encoding: TextEncoding, errors: EncodeErrors, device?: Device) => {
    try {
      await helper().renderTo(ctx.files, name, candidates, context, { encoding, errors });
    } catch (err) {
      if (err instanceof SdkError) {
        Object.assign(err.details, { plugin: ctx.id, file: name, device: device?.id });
        err.message = `[${ctx.id}${device ? ` device ${device.id}` : ''}] ${name}: ${err.message}`;
      }
      throw err;
    }
  };

  const plugin: ProvdPlugin = {
    extractors,
    associator: {
      async associate(info) {
        const support = associateWithTable(family, info);
        return family.hooks.associate ? await family.hooks.associate(info, support) : support;
      },
    },
    async configureCommon(raw) {
      if (family.commonFiles.length === 0 && !family.hooks.transformCommonRaw) return;
      const context = cloneOrdered(raw);
      applyStandardTransforms(family, context, ctx);
      await family.hooks.transformCommonRaw?.(context, ctx);
      for (const spec of family.commonFiles) {
        const name = expandNamePattern(spec.name, {})!;
        await render(name, expandAll(spec.templates ?? [], {}), context, spec.encoding, spec.errors);
      }
    },
    async configure(device, raw) {
      const plan = await planFamilyConfigure(family, device, raw, ctx);
      for (const file of plan.files) await render(file.name, file.templates, plan.context, file.encoding, file.errors, device);
    },
    async deconfigure(device) {
      for (const name of deviceFileNames(family, device)) if (name !== null) await ctx.files.remove(name);
    },
    getRemoteStateTriggerFilename(device) {
      return family.remoteStateTrigger ? expandNamePattern(family.remoteStateTrigger, devicePlaceholders(family, device)) : null;
    },
    isSensitiveFilename(name) {
      const base = name.slice(name.lastIndexOf('/') + 1);
      return family.sensitiveFiles.some((r) => r.test(base));
    },
    http: family.serve.http ? {} : false,
    tftp: family.serve.tftp ? {} : false,
    close() {
      templates?.invalidate();
      templates = null;
    },
  };
  if (family.hooks.synchronize) {
    const hook = family.hooks.synchronize;
    return { ...plugin, synchronize: (device, raw) => hook(device, raw, ctx) };
  }
  if (family.synchronize === 'sip-notify') return { ...plugin, synchronize: (device) => standardSipSynchronize(ctx, device, family.syncEvent) };
  return plugin;
}
