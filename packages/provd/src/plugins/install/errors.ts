/**
 * Coded errors of the plugin manager and the package installer (documented in
 * docs/reference/plugin-repositories.md). Built on provd's ProvdError, so they reach the REST
 * API with their status.
 */
import { ProvdError } from '../../errors.js';

function factory(code: string, statusCode: number) {
  const make = (message: string, options?: { cause?: unknown }) => new ProvdError(code, message, statusCode, options);
  make.code = code;
  return make;
}

export const installErrors = {
  /** An archive entry would land outside the folder, is a device/fifo, or a link escapes. */
  archiveUnsafe: factory('DT_ERR_ARCHIVE_UNSAFE', 400),
  /** The archive is over the size or entry-count limit once unpacked. */
  archiveTooLarge: factory('DT_ERR_ARCHIVE_TOO_LARGE', 400),
  /** The archive cannot be read (bad checksum, truncated, unknown format). */
  archiveInvalid: factory('DT_ERR_ARCHIVE_INVALID', 400),
  /** A download's size or sha1/sha256 differs from the index. */
  checksumMismatch: factory('DT_ERR_CHECKSUM_MISMATCH', 400),
  /** A download failed (network, status, timeout) after its retries. */
  download: factory('DT_ERR_DOWNLOAD', 502),
  /** The plugin server is not set or not usable (scheme, missing plugins.db, bad JSON). */
  repository: factory('DT_ERR_REPOSITORY', 400),
  /** No such plugin in the index / not installed / already installed. */
  pluginUnknown: factory('DT_ERR_PLUGIN_UNKNOWN', 400),
  pluginNotInstalled: factory('DT_ERR_PLUGIN_NOT_INSTALLED', 400),
  pluginInstalled: factory('DT_ERR_PLUGIN_ALREADY_INSTALLED', 400),
  /** An operation on the same plugin (or an update) is already running. */
  busy: factory('DT_ERR_OPERATION_RUNNING', 500),
  /** The new version did not load; the previous one stays installed and loaded. */
  pluginLoad: factory('DT_ERR_PLUGIN_INSTALL_LOAD', 400),
  /** A package (pkgs.db) problem: unknown id, bad graph, a command failed, file missing. */
  packageUnknown: factory('DT_ERR_PACKAGE_UNKNOWN', 400),
  packageInstall: factory('DT_ERR_PACKAGE_INSTALL', 400),
  /** A file with an empty URL is not in the cache: the administrator must place it there. */
  packageFileMissing: factory('DT_ERR_PACKAGE_FILE_MISSING', 400),
} as const;
