import type { StepLog } from '../exec.js';
import type { PluginMetadata } from '../metadata/index.js';

/** An installed plugin as a backend reports it. */
export interface InstalledPlugin {
  metadata: PluginMetadata;
  /** The package that owns it: `dialtone-plugind-<name>-<ns>` (deb) or the manifest path (dir). */
  package: string;
}

/** A plugin built and ready to package: its sources, what `rules package` put in pkgdir, its metadata. */
export interface BuiltPlugin {
  metadata: PluginMetadata;
  /** The extracted sources; `<srcDir>/wazo` holds plugin.yml and rules. */
  srcDir: string;
  /** What `rules package` wrote (`$pkgdir`). */
  pkgDir: string;
  /** A scratch folder in the job workspace the backend may use. */
  workDir: string;
}

/** What a backend step needs from the running job. */
export interface StepContext {
  onLog(log: StepLog): void;
  timeouts: { install: number; hook: number; update: number };
}

/**
 * Where packages go. `deb` builds a Debian package and hands it to dpkg/apt; `dir` copies files
 * into a prefix and keeps a manifest. Both run the plugin's rules as the same maintainer hooks:
 * `install` after the files are in place (install and upgrade), `uninstall` before they are
 * removed, `postrm` after (format ≥ 1). Every rules hook gets `PLUGIND_ROOT` (the prefix or the
 * dpkg root, empty for the real system).
 */
export interface PackageBackend {
  readonly kind: 'deb' | 'dir';
  /** The package a plugin becomes: `<prefix>-<name>-<ns>`. */
  packageName(namespace: string, name: string): string;
  list(): Promise<InstalledPlugin[]>;
  get(namespace: string, name: string): Promise<InstalledPlugin | undefined>;
  /** `packaging`, after `rules package`: turns the build into something installable. Returns an artifact path. */
  package(plugin: BuiltPlugin, ctx: StepContext): Promise<string>;
  /** `updating`: refresh package indexes when there are Debian dependencies (no-op for `dir`). */
  update(debianDepends: readonly string[], ctx: StepContext): Promise<void>;
  /** `installing`: installs or upgrades; leaves nothing behind when it fails on a fresh install. */
  install(plugin: BuiltPlugin, artifact: string, ctx: StepContext): Promise<void>;
  /** `removing`: runs `uninstall`, removes the files, runs `postrm` (format ≥ 1). */
  uninstall(namespace: string, name: string, ctx: StepContext): Promise<void>;
  /** Status for `/status`. */
  describe(): Record<string, unknown>;
}
