/** A validated, compiled family.yml (see docs/reference/family-yml.md). */
import type { Device, DeviceInfo, RawConfig } from '../device.js';
import type { Capability } from '../plugin-info.js';
import type { Awaitable, PluginContext } from '../plugin.js';
import type { ProvRequest } from '../requests.js';
import type { EncodeErrors, TextEncoding } from '../templates/encode.js';
import type { NamePattern } from './name-pattern.js';

export type RuleSource =
  | { readonly kind: 'dhcp-option'; readonly option: number }
  | { readonly kind: 'http-path' }
  | { readonly kind: 'http-header'; readonly header: string }
  | { readonly kind: 'tftp-filename' };

export interface ExtractRule {
  readonly source: RuleSource;
  readonly regex: RegExp;
  /** Per captured key, `[search, replacement]` applied to every occurrence. */
  readonly replace: Readonly<Record<string, readonly [string, string]>>;
  /** Constant keys added when the rule matches (override the family vendor, add a model…). */
  readonly set: Readonly<Record<string, string>>;
}

export interface FileSpec {
  readonly name: NamePattern;
  /** Null: the device lookup `<file>.tpl` → `<model>.tpl` → `base.tpl`. */
  readonly templates: readonly NamePattern[] | null;
  readonly encoding: TextEncoding;
  readonly errors: EncodeErrors;
}

export interface LocaleTransform {
  /** Vendor codes keyed by locale or language; XX_lang gets the match (else the locale). */
  readonly map: Readonly<Record<string, string>>;
  readonly default?: string;
}

export interface PhonebookTransform {
  readonly vendor: string;
  readonly entryPoint?: string;
  readonly qsPrefix?: string;
  readonly qsSuffix?: string;
}

export interface FamilyTransforms {
  readonly serverUrl: boolean;
  readonly sipLines: boolean;
  readonly funckeys: boolean;
  readonly locale: LocaleTransform | null;
  readonly timezone: boolean;
  readonly phonebook: PhonebookTransform | null;
}

export interface FamilyAssociation {
  readonly versions: readonly string[];
  readonly versionMatch: 'exact' | 'prefix';
  readonly knownModel: number;
  readonly unknownModel: number;
  readonly otherVendor: number;
  readonly noVendor: number;
}

/** What a family's optional hooks module may provide (a closed list). */
export interface FamilyHooks {
  /** Adjusts or completes what the rules extracted (`info` is null when no rule matched). */
  extract?(req: ProvRequest, info: DeviceInfo | null, ctx: PluginContext): Awaitable<DeviceInfo | null | undefined>;
  /** Adjusts the association score computed from the table. */
  associate?(info: DeviceInfo, support: number): Awaitable<number>;
  /** Adds XX_* keys before common files render. */
  transformCommonRaw?(raw: RawConfig, ctx: PluginContext): Awaitable<void>;
  /** Adds XX_* keys after the standard transforms, before device files render. */
  transformRaw?(raw: RawConfig, device: Device, ctx: PluginContext): Awaitable<void>;
  /** Replaces the standard SIP NOTIFY synchronize. */
  synchronize?(device: Device, raw: RawConfig, ctx: PluginContext): Awaitable<void>;
}
export const FAMILY_HOOK_NAMES = ['extract', 'associate', 'transformCommonRaw', 'transformRaw', 'synchronize'] as const;

export interface Family {
  /** The plugin folder the family was read from. */
  readonly dir: string;
  readonly vendor: string;
  readonly models: Readonly<Record<string, Capability>>;
  readonly identify: { readonly dhcp: readonly ExtractRule[]; readonly http: readonly ExtractRule[]; readonly tftp: readonly ExtractRule[] };
  readonly association: FamilyAssociation;
  readonly macFormat: { readonly separator: string; readonly uppercase: boolean };
  readonly files: readonly FileSpec[];
  readonly commonFiles: readonly FileSpec[];
  readonly sensitiveFiles: readonly RegExp[];
  readonly remoteStateTrigger: NamePattern | null;
  readonly serve: { readonly http: boolean; readonly tftp: boolean };
  readonly transforms: FamilyTransforms;
  readonly synchronize: 'sip-notify' | 'none';
  /** The Event header of the synchronize NOTIFY (`sync_event`, default `check-sync`). */
  readonly syncEvent: string;
  readonly hooks: FamilyHooks;
}
