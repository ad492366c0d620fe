/**
 * The template helper a driver receives: Jinja2 (@dialtone/jinja) over a search path of the
 * administrator's override folder, then the driver's own template folder, like the reference's
 * ChoiceLoader. `getTemplate('pjsip.conf')` loads `pjsip.conf.jinja`; `getCustomizableTemplate`
 * tries `<name>-<part>.jinja` first. trim_blocks and lstrip_blocks are on, the trailing newline kept.
 */
import { Environment, FileSystemLoader, type Template } from '@dialtone/jinja';

export interface TemplateHelper {
  readonly searchPath: readonly string[];
  getTemplate(name: string): Template;
  getCustomizableTemplate(name: string, part: string): Template;
  render(name: string, context: Record<string, unknown>): string;
  /** The underlying environment (filters and globals may be added to it). */
  readonly environment: Environment;
}

export interface TemplateHelperOptions {
  /** Administrator overrides, searched first. */
  overrideDir: string;
  /** The driver's own template folders. */
  driverDirs: readonly string[];
}

export function createTemplateHelper(options: TemplateHelperOptions): TemplateHelper {
  const searchPath = [options.overrideDir, ...options.driverDirs];
  const environment = new Environment({ loader: new FileSystemLoader(searchPath), keepTrailingNewline: true, trimBlocks: true, lstripBlocks: true });
  const getTemplate = (name: string) => environment.getTemplate(`${name}.jinja`);
  return {
    searchPath,
    environment,
    getTemplate,
    getCustomizableTemplate: (name, part) => environment.selectTemplate([`${name}-${part}.jinja`, `${name}.jinja`]),
    render: (name, context) => getTemplate(name).render(context),
  };
}
