/**
 * The SDK runtime helpers a plugin receives as `ctx.sdk`, listed member by member. It is part of
 * the plugin contract: a helper reaches plugins only once it is added here, on purpose (with a
 * PLUGIN_IFACE_VERSION bump when a member is removed or changes shape, a PLUGIN_IFACE_MINOR bump
 * when one is added). `sdk.ts` checks the
 * runtime object against it with `satisfies`.
 */
import type { chooseBestPlugin, DeviceSupport, deviceSupportName, MIN_ASSOCIATION_SUPPORT } from './device-support.js';
import type { InvalidDocumentError, isSdkError, SdkError, SdkErrorCode, TemplateNotFoundError, TimezoneNotFoundError } from './errors.js';
import type { associateWithTable, extractWithRules } from './family/identify.js';
import type { loadFamily } from './family/load.js';
import type { applyStandardTransforms, createFamilyPlugin, planFamilyConfigure } from './family/plugin.js';
import type { checkFileName, isValidFileName } from './file-name.js';
import type { formatMac, isMac, normalizeMac, tryNormalizeMac } from './mac.js';
import type { parsePkgsDb } from './pkgs-db/pkgs-db.js';
import type { sipNotifyTarget, standardSipSynchronize } from './sync.js';
import type { encodeText } from './templates/encode.js';
import type { createTemplateHelper, deviceTemplateCandidates } from './templates/helper.js';
import type { ciscoSpaDstRule, dstParts, formatUtcOffset, posixTzString, weekRuleDstString } from './transforms/dst-formats.js';
import type { funckeyPages } from './transforms/funckey-pages.js';
import type { funckeyList } from './transforms/funckeys.js';
import type { countryName, languageName } from './transforms/locale-names.js';
import type { localeInfo, mapLocale } from './transforms/locale.js';
import type { phonebookUrl, phonedUserServiceUrl } from './transforms/phonebook.js';
import type { applyRawConfigDefaults } from './transforms/raw-defaults.js';
import type { serverUrl, withoutScheme } from './transforms/server-url.js';
import type { applySipLineDefaults, firstSipLine, sipLineList } from './transforms/sip-lines.js';
import type { lineDtmfMode, lineSrtpMode, mapSipSettings, mapSipValue, sipPort, sipTransport } from './transforms/sip-maps.js';
import type { getTimezoneInfo } from './tz/timezone.js';

export interface SdkMac {
  readonly normalizeMac: typeof normalizeMac;
  readonly tryNormalizeMac: typeof tryNormalizeMac;
  readonly formatMac: typeof formatMac;
  readonly isMac: typeof isMac;
}

export interface SdkTransforms {
  readonly applyRawConfigDefaults: typeof applyRawConfigDefaults;
  readonly applySipLineDefaults: typeof applySipLineDefaults;
  readonly sipLineList: typeof sipLineList;
  readonly firstSipLine: typeof firstSipLine;
  readonly funckeyList: typeof funckeyList;
  readonly localeInfo: typeof localeInfo;
  readonly mapLocale: typeof mapLocale;
  readonly serverUrl: typeof serverUrl;
  readonly withoutScheme: typeof withoutScheme;
  readonly phonebookUrl: typeof phonebookUrl;
  readonly phonedUserServiceUrl: typeof phonedUserServiceUrl;
  readonly languageName: typeof languageName;
  readonly countryName: typeof countryName;
  readonly funckeyPages: typeof funckeyPages;
  readonly dstParts: typeof dstParts;
  readonly formatUtcOffset: typeof formatUtcOffset;
  readonly ciscoSpaDstRule: typeof ciscoSpaDstRule;
  readonly weekRuleDstString: typeof weekRuleDstString;
  readonly posixTzString: typeof posixTzString;
  readonly mapSipValue: typeof mapSipValue;
  readonly mapSipSettings: typeof mapSipSettings;
  readonly lineDtmfMode: typeof lineDtmfMode;
  readonly lineSrtpMode: typeof lineSrtpMode;
  readonly sipTransport: typeof sipTransport;
  readonly sipPort: typeof sipPort;
}

export interface SdkFamily {
  readonly loadFamily: typeof loadFamily;
  readonly createFamilyPlugin: typeof createFamilyPlugin;
  readonly planFamilyConfigure: typeof planFamilyConfigure;
  readonly applyStandardTransforms: typeof applyStandardTransforms;
  readonly extractWithRules: typeof extractWithRules;
  readonly associateWithTable: typeof associateWithTable;
}

export interface SdkErrors {
  readonly SdkErrorCode: typeof SdkErrorCode;
  readonly SdkError: typeof SdkError;
  readonly InvalidDocumentError: typeof InvalidDocumentError;
  readonly TemplateNotFoundError: typeof TemplateNotFoundError;
  readonly TimezoneNotFoundError: typeof TimezoneNotFoundError;
  readonly isSdkError: typeof isSdkError;
}

export interface Sdk {
  readonly PLUGIN_IFACE_VERSION: number;
  readonly PLUGIN_IFACE_MINOR: number;
  readonly DeviceSupport: typeof DeviceSupport;
  readonly MIN_ASSOCIATION_SUPPORT: typeof MIN_ASSOCIATION_SUPPORT;
  readonly deviceSupportName: typeof deviceSupportName;
  readonly chooseBestPlugin: typeof chooseBestPlugin;
  readonly mac: SdkMac;
  readonly checkFileName: typeof checkFileName;
  readonly isValidFileName: typeof isValidFileName;
  readonly createTemplateHelper: typeof createTemplateHelper;
  readonly deviceTemplateCandidates: typeof deviceTemplateCandidates;
  readonly encodeText: typeof encodeText;
  readonly getTimezoneInfo: typeof getTimezoneInfo;
  readonly transforms: SdkTransforms;
  readonly family: SdkFamily;
  readonly parsePkgsDb: typeof parsePkgsDb;
  readonly standardSipSynchronize: typeof standardSipSynchronize;
  readonly sipNotifyTarget: typeof sipNotifyTarget;
  readonly errors: SdkErrors;
}

/** The top-level member names of Sdk, for the run-time check that sdk has exactly these. */
export const SDK_MEMBERS = [
  'PLUGIN_IFACE_VERSION',
  'PLUGIN_IFACE_MINOR',
  'DeviceSupport',
  'MIN_ASSOCIATION_SUPPORT',
  'deviceSupportName',
  'chooseBestPlugin',
  'mac',
  'checkFileName',
  'isValidFileName',
  'createTemplateHelper',
  'deviceTemplateCandidates',
  'encodeText',
  'getTimezoneInfo',
  'transforms',
  'family',
  'parsePkgsDb',
  'standardSipSynchronize',
  'sipNotifyTarget',
  'errors',
] as const satisfies readonly (keyof Sdk)[];
