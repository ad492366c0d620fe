/**
 * @dialtone/plugin-sdk: the provd plugin contract and the helpers plugins use.
 * See docs/reference/plugin-sdk.md.
 */
export type { Device, DeviceFacts, DeviceInfo, FuncKey, RawConfig, SipLine } from './device.js';
export type { DhcpProvRequest, HttpProvRequest, ProvRequest, ProvRequestKind, TftpProvRequest } from './requests.js';
export { PLUGIN_IFACE_MINOR, PLUGIN_IFACE_VERSION } from './plugin.js';
export type {
  Awaitable,
  ConfigureParam,
  ConfigureService,
  DeviceInfoExtractor,
  FileSink,
  GeneralConfig,
  HttpFileService,
  PackageInfo,
  PackageProgress,
  PackageService,
  PluginAssociator,
  PluginContext,
  PluginExtractors,
  PluginFactory,
  PluginLogger,
  PluginModule,
  PluginServices,
  ProvdPlugin,
  SipNotifyTarget,
  SyncCapability,
  TftpFileService,
} from './plugin.js';
export { chooseBestPlugin, DeviceSupport, deviceSupportName, isDeviceSupportName, MIN_ASSOCIATION_SUPPORT } from './device-support.js';
export type { DeviceSupportName, ScoredPlugin } from './device-support.js';
export { InvalidDocumentError, isSdkError, SdkError, SdkErrorCode, TemplateNotFoundError, TimezoneNotFoundError } from './errors.js';
export type { Problem } from './errors.js';
export { formatMac, isMac, normalizeMac, tryNormalizeMac } from './mac.js';
export type { FormatMacOptions } from './mac.js';
export { checkFileName, isValidFileName } from './file-name.js';
export { checkIfaceVersion, isIfaceCompatible, localizedDescription, parsePluginInfo, pluginInfoWarnings, readPluginInfo } from './plugin-info.js';
export type { Capability, PluginInfo } from './plugin-info.js';
export { ENTRY_FILES, FAMILY_FILE, loadPluginModule } from './loader.js';
export { loadPlugin } from './load-plugin.js';
export type { LoadedPluginResult, LoadPluginOptions } from './load-plugin.js';
export { checkPluginMembers, PLUGIN_MEMBERS } from './plugin-members.js';
export type { LoadedPluginModule, PluginEntryKind } from './loader.js';
export { createTemplateHelper, deviceTemplateCandidates } from './templates/helper.js';
export type { RenderToOptions, TemplateHelper, TemplateHelperOptions } from './templates/helper.js';
export { encodeText } from './templates/encode.js';
export type { EncodeErrors, TextEncoding } from './templates/encode.js';
export { DEFAULT_ZONEINFO_DIR, getTimezoneInfo, timezoneInfoFromPosix } from './tz/timezone.js';
export type { DstTransition, TimezoneInfo, TimezoneOptions } from './tz/timezone.js';
export type { TimeValue } from './tz/time-value.js';
export { INSTALL_COMMANDS, parsePkgsDb } from './pkgs-db/pkgs-db.js';
export type { FileDef, InstallCommand, InstallDef, InstallStep, PkgDef, PkgsDb } from './pkgs-db/pkgs-db.js';
export { applyRawConfigDefaults } from './transforms/raw-defaults.js';
export { applySipLineDefaults, firstSipLine, sipLineList } from './transforms/sip-lines.js';
export type { NumberedSipLine } from './transforms/sip-lines.js';
export { funckeyList } from './transforms/funckeys.js';
export type { NumberedFuncKey } from './transforms/funckeys.js';
export { localeInfo, mapLocale } from './transforms/locale.js';
export type { LocaleInfo } from './transforms/locale.js';
export { serverUrl, withoutScheme } from './transforms/server-url.js';
export { phonebookUrl, phonedUserServiceUrl } from './transforms/phonebook.js';
export type { PhonebookUrlOptions } from './transforms/phonebook.js';
export { ciscoSpaDstRule, dstParts, formatUtcOffset, posixTzString, weekRuleDstString } from './transforms/dst-formats.js';
export type { DstParts } from './transforms/dst-formats.js';
export { DTMF_MODES, lineDtmfMode, lineSrtpMode, mapSipSettings, mapSipValue, SIP_TRANSPORTS, sipPort, sipTransport, SRTP_MODES } from './transforms/sip-maps.js';
export type { DtmfMode, MappedSip, SipMapTable, SipMapTables, SipTransport, SrtpMode } from './transforms/sip-maps.js';
export { countryName, languageName } from './transforms/locale-names.js';
export { funckeyPages } from './transforms/funckey-pages.js';
export type { FuncKeyPage } from './transforms/funckey-pages.js';
export { sipNotifyTarget, standardSipSynchronize } from './sync.js';
export { compileFamilyWithHooks, loadFamily, parseFamilyYaml } from './family/load.js';
export { applyStandardTransforms, createFamilyPlugin, deviceFileNames, planFamilyConfigure } from './family/plugin.js';
export type { FamilyPlan, PlannedFile } from './family/plugin.js';
export { associateWithTable, extractWithRules } from './family/identify.js';
export type { Family, FamilyHooks } from './family/types.js';
export { sdk } from './sdk.js';
export type { Sdk, SdkErrors, SdkFamily, SdkMac, SdkTransforms } from './sdk-interface.js';
export { SDK_MEMBERS } from './sdk-interface.js';
