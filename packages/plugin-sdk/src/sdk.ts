/**
 * The SDK's runtime helpers as one object. The host passes it to plugins as `ctx.sdk` (and to
 * family hooks factories), because a plugin folder may live where `@dialtone/plugin-sdk` does not
 * resolve: plugins only `import type` from the SDK.
 */
import { chooseBestPlugin, DeviceSupport, deviceSupportName, MIN_ASSOCIATION_SUPPORT } from './device-support.js';
import { InvalidDocumentError, isSdkError, SdkError, SdkErrorCode, TemplateNotFoundError, TimezoneNotFoundError } from './errors.js';
import { associateWithTable, extractWithRules } from './family/identify.js';
import { loadFamily } from './family/load.js';
import { applyStandardTransforms, createFamilyPlugin, planFamilyConfigure } from './family/plugin.js';
import { checkFileName, isValidFileName } from './file-name.js';
import { formatMac, isMac, normalizeMac, tryNormalizeMac } from './mac.js';
import { parsePkgsDb } from './pkgs-db/pkgs-db.js';
import { PLUGIN_IFACE_MINOR, PLUGIN_IFACE_VERSION } from './plugin.js';
import { standardSipSynchronize, sipNotifyTarget } from './sync.js';
import { encodeText } from './templates/encode.js';
import { createTemplateHelper, deviceTemplateCandidates } from './templates/helper.js';
import { funckeyList } from './transforms/funckeys.js';
import { localeInfo, mapLocale } from './transforms/locale.js';
import { phonebookUrl, phonedUserServiceUrl } from './transforms/phonebook.js';
import { applyRawConfigDefaults } from './transforms/raw-defaults.js';
import { serverUrl, withoutScheme } from './transforms/server-url.js';
import { applySipLineDefaults, firstSipLine, sipLineList } from './transforms/sip-lines.js';
import { getTimezoneInfo } from './tz/timezone.js';
import type { Sdk } from './sdk-interface.js';
import { ciscoSpaDstRule, dstParts, formatUtcOffset, posixTzString, weekRuleDstString } from './transforms/dst-formats.js';
import { funckeyPages } from './transforms/funckey-pages.js';
import { countryName, languageName } from './transforms/locale-names.js';
import { lineDtmfMode, lineSrtpMode, mapSipSettings, mapSipValue, sipPort, sipTransport } from './transforms/sip-maps.js';

export type { Sdk } from './sdk-interface.js';

export const sdk: Sdk = Object.freeze({
  PLUGIN_IFACE_VERSION,
  PLUGIN_IFACE_MINOR,
  DeviceSupport,
  MIN_ASSOCIATION_SUPPORT,
  deviceSupportName,
  chooseBestPlugin,
  mac: Object.freeze({ normalizeMac, tryNormalizeMac, formatMac, isMac }),
  checkFileName,
  isValidFileName,
  createTemplateHelper,
  deviceTemplateCandidates,
  encodeText,
  getTimezoneInfo,
  transforms: Object.freeze({
    applyRawConfigDefaults,
    applySipLineDefaults,
    sipLineList,
    firstSipLine,
    funckeyList,
    localeInfo,
    mapLocale,
    serverUrl,
    withoutScheme,
    phonebookUrl,
    phonedUserServiceUrl,
    languageName,
    countryName,
    funckeyPages,
    dstParts,
    formatUtcOffset,
    ciscoSpaDstRule,
    weekRuleDstString,
    posixTzString,
    mapSipValue,
    mapSipSettings,
    lineDtmfMode,
    lineSrtpMode,
    sipTransport,
    sipPort,
  }),
  family: Object.freeze({ loadFamily, createFamilyPlugin, planFamilyConfigure, applyStandardTransforms, extractWithRules, associateWithTable }),
  parsePkgsDb,
  standardSipSynchronize,
  sipNotifyTarget,
  errors: Object.freeze({ SdkErrorCode, SdkError, InvalidDocumentError, TemplateNotFoundError, TimezoneNotFoundError, isSdkError }),
} satisfies Sdk);
