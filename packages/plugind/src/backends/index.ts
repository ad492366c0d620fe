export type { BuiltPlugin, InstalledPlugin, PackageBackend, StepContext } from './backend.js';
export { createDirBackend, type DirBackendOptions, type DirManifest } from './dir.js';
export { createDebBackend, type DebBackendOptions } from './deb.js';
