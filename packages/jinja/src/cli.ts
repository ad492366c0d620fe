// The dialtone-jinja command: render a template from folders with a JSON context.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Environment, type EnvironmentOptions } from './environment.js';
import { TemplateError } from './errors.js';
import { FileSystemLoader } from './loaders.js';
import { parsePythonJson } from './python-json.js';
import { ChainableUndefined, DebugUndefined, StrictUndefined, Undefined } from './runtime/undefined.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
}

const USAGE = `Usage: dialtone-jinja render --path DIR[,DIR...] TEMPLATE [options]

Renders TEMPLATE (a name inside the search path) exactly as Python Jinja2 3.1 would.

Options:
  -p, --path DIRS            search path, first folder wins (comma separated, repeatable)
  -c, --context FILE         JSON context file, or - for stdin (default: empty context)
  -o, --output FILE          write the result to FILE instead of stdout
      --encoding NAME        template file encoding (default utf-8)
      --trim-blocks          remove the first newline after a block tag
      --lstrip-blocks        strip whitespace before block tags at line start
      --keep-trailing-newline
      --newline-sequence lf|crlf|cr
      --autoescape           HTML-escape output (off by default, as provd)
      --undefined NAME       default | chainable | debug | strict
  -h, --help
  -V, --version

The context JSON keeps key order; 1.0 stays a float; {"$tuple": [...]} is a tuple and
{"$dict": [[key, value], ...]} a dict with non-string keys.
`;

const UNDEFINED: Record<string, EnvironmentOptions['undefined']> = {
  default: Undefined,
  chainable: ChainableUndefined,
  debug: DebugUndefined,
  strict: StrictUndefined,
};

const NEWLINES: Record<string, EnvironmentOptions['newlineSequence']> = { lf: '\n', crlf: '\r\n', cr: '\r' };

/** Runs the CLI; returns the process exit code (0 ok, 1 template error, 2 usage error). */
export function runCli(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        path: { type: 'string', short: 'p', multiple: true },
        context: { type: 'string', short: 'c' },
        output: { type: 'string', short: 'o' },
        encoding: { type: 'string' },
        'trim-blocks': { type: 'boolean' },
        'lstrip-blocks': { type: 'boolean' },
        'keep-trailing-newline': { type: 'boolean' },
        'newline-sequence': { type: 'string' },
        autoescape: { type: 'boolean' },
        undefined: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (e) {
    io.stderr(`dialtone-jinja: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  const [command, template, ...extra] = positionals;
  const usage = (msg: string): number => {
    io.stderr(`dialtone-jinja: ${msg}\n${USAGE}`);
    return 2;
  };
  if (command !== 'render') return usage(command ? `unknown command '${command}'` : 'missing command');
  if (!template || extra.length) return usage('render takes exactly one TEMPLATE name');
  const searchPath = (values.path ?? []).flatMap((p) => p.split(',')).filter(Boolean);
  if (!searchPath.length) return usage('--path is required');
  const undefinedClass = UNDEFINED[values.undefined ?? 'default'];
  if (!undefinedClass) return usage(`--undefined must be one of ${Object.keys(UNDEFINED).join(', ')}`);
  const newline = NEWLINES[values['newline-sequence'] ?? 'lf'];
  if (!newline) return usage('--newline-sequence must be lf, crlf or cr');

  let context: Record<string, unknown> = {};
  try {
    if (values.context !== undefined) {
      const text = values.context === '-' ? io.readStdin() : readFileSync(values.context, 'utf-8');
      const parsedContext = parsePythonJson(text);
      if (typeof parsedContext !== 'object' || parsedContext === null || Array.isArray(parsedContext)) {
        return usage('the context must be a JSON object');
      }
      context = parsedContext as Record<string, unknown>;
    }
  } catch (e) {
    io.stderr(`dialtone-jinja: cannot read context: ${(e as Error).message}\n`);
    return 2;
  }

  const env = new Environment({
    loader: new FileSystemLoader(searchPath, { encoding: values.encoding ?? 'utf-8' }),
    trimBlocks: values['trim-blocks'],
    lstripBlocks: values['lstrip-blocks'],
    keepTrailingNewline: values['keep-trailing-newline'],
    newlineSequence: newline,
    autoescape: values.autoescape,
    undefined: undefinedClass,
  });
  try {
    const out = env.getTemplate(template).render(context);
    if (values.output) writeFileSync(values.output, out);
    else io.stdout(out);
    return 0;
  } catch (e) {
    if (e instanceof TemplateError) {
      io.stderr(`dialtone-jinja: ${e.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
