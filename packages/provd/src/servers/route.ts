import { join } from 'node:path';
import type { Logger } from 'pino';
import type { GeneratedFiles } from '../files/generated-files.js';
import type { Identification } from '../identify/pipeline.js';
import { servedName } from './safe-path.js';

export type Routed =
  | { kind: 'generated'; name: string; content: Buffer; etag: string }
  /** A static file to look for under `root`; each server resolves it its own way. */
  | { kind: 'static'; name: string; root: string }
  | { kind: 'refused'; status: 404 | 400; reason: string };

/**
 * Maps an identified request to one of its plugin's files: generated files first (memory),
 * then static files under `<plugin>/var/tftpboot`. The same routing serves HTTP and TFTP.
 * It never touches the disk: a static file is resolved once, by the server that sends it.
 */
export function routeToFile(
  ident: Identification,
  protocol: 'http' | 'tftp',
  requested: string,
  files: GeneratedFiles,
  security: Logger,
  /** The request proved it comes from this device (its provisioning credentials). */
  authenticated = false,
): Routed {
  const { plugin, device } = ident;
  // secure profile: the device lives at another address (logged by identification)
  if (ident.foreignAddress && !authenticated) return { kind: 'refused', status: 404, reason: 'Not found' };
  if (!plugin) return { kind: 'refused', status: 404, reason: 'Nowhere to route this request.' };
  const service = protocol === 'http' ? plugin.plugin.http : plugin.plugin.tftp;
  if (service === false) return { kind: 'refused', status: 404, reason: `plugin ${plugin.id} does not serve ${protocol}` };
  let path: string | null = requested;
  if (service) {
    const rewrite = protocol === 'http' ? (service as { rewritePath?: (p: string, d: unknown) => string | null }).rewritePath : (service as { rewriteFilename?: (p: string, d: unknown) => string | null }).rewriteFilename;
    if (rewrite) path = rewrite.call(service, requested, device);
  }
  const name = path === null ? null : servedName(path);
  if (name === null) return { kind: 'refused', status: 400, reason: 'invalid file name' };
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (security.isLevelEnabled('info') && plugin.plugin.isSensitiveFilename?.(base)) {
    security.info({ ip: ident.info.ip, file: name, device: device?.id }, `Sensitive file requested from ${ident.info.ip}: ${name}`);
  }
  const generated = files.get(plugin.id, name);
  if (generated) return { kind: 'generated', name, content: generated.content, etag: generated.etag };
  return { kind: 'static', name, root: join(plugin.dir, 'var', 'tftpboot') };
}
