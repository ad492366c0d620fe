/**
 * @dialtone/plugin-tools: the `dialtone-plugin` commands as functions. See
 * docs/reference/dialtone-plugin.md.
 */
export { ToolError, ToolErrorCode, formatFinding, isToolError } from './errors.js';
export type { Finding } from './errors.js';
export { writeTar, TAR_MTIME } from './tar.js';
export type { TarEntry } from './tar.js';
export { compareVersions } from './version.js';
export { readSource, renderTarget, capabilitiesOf, BUILD_FILE } from './source.js';
export type { BuildTarget, PluginSource, RenderedTarget } from './source.js';
export { bundleEntries, makeBundle, bzip2, digests, STD_DIRS } from './bundle.js';
export type { Bundle, PluginsDbEntry } from './bundle.js';
export { PLUGINS_DB, parsePluginsDb, readPluginsDbFile, serializePluginsDb } from './plugins-db.js';
export type { PluginsDb } from './plugins-db.js';
export { build, buildBundles, writeRepository } from './build.js';
export type { BuildResult } from './build.js';
export { pluginSource, renderSource, stageTarget, stageTemp, writeTargetTree } from './stage.js';
export { lint, lintSource } from './lint.js';
export type { LintOptions } from './lint.js';
export { testSources, formatTestReport } from './test-run.js';
export { runFamilyPluginTests } from './family-tests.js';
export { stagedTestHost } from './staged-host.js';
export type { StagedTestHost } from './staged-host.js';
export type { FamilyTestOptions } from './family-tests.js';
export { goldenFromJinja2 } from './golden-jinja2.js';
export type { TestOptions, TestReport } from './test-run.js';
export { simulate, SIMULATION_RAW_CONFIG } from './simulate.js';
export type { SimulatedPlugin, SimulationOutcome } from './simulate.js';
export { parseScenarios, SCENARIOS_FILE } from './scenarios.js';
export type { Scenario, ScenarioRequest } from './scenarios.js';
export { addToChannel, channelItems, fetchChannelDb } from './repository.js';
export type { ChannelChange, ChannelItem } from './repository.js';
export { archive, promote, publish } from './channels.js';
export { readBundleInfo, readTar } from './bundle-read.js';
export { scaffold } from './scaffold.js';
export { checkFirmware, download } from './check-fw.js';
export type { CheckFwOptions, FirmwareCheck } from './check-fw.js';
