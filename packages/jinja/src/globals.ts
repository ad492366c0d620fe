// Default globals: range, dict, lipsum, cycler, joiner, namespace.
import { typeError, valueError } from './errors.js';
import { BoundMethod, builtin } from './runtime/callable.js';
import { DICT_METHODS } from './runtime/methods-collections.js';
import { escapeString, Markup } from './runtime/markup.js';
import { Cycler, dictFromArgs, Joiner, Namespace } from './runtime/objects.js';
import { optInt } from './runtime/pystr.js';
import { pyTypeName } from './runtime/types.js';
import { MISSING, PY_GETATTR, PY_TYPE, PyRange, type Kwargs } from './runtime/values.js';

function rangeArg(x: unknown): number {
  if ((typeof x === 'number' && Number.isInteger(x)) || typeof x === 'boolean' || typeof x === 'bigint') return optInt(x, 0);
  throw typeError(`'${pyTypeName(x)}' object cannot be interpreted as an integer`);
}

const range = builtin(['*args'], (args: unknown[]) => {
  if (args.length === 0) throw typeError('range expected at least 1 argument, got 0');
  if (args.length > 3) throw typeError(`range expected at most 3 arguments, got ${args.length}`);
  const [a, b, c] = args.map(rangeArg);
  if (args.length === 1) return new PyRange(0, a, 1);
  const step = args.length === 3 ? c : 1;
  if (step === 0) throw valueError('range() arg 3 must not be zero');
  return new PyRange(a, b, step);
});

const dict = builtin(['*args', '**kwargs'], (args: unknown[], kwargs: Kwargs) => {
  if (args.length > 1) throw typeError(`dict expected at most 1 argument, got ${args.length}`);
  return dictFromArgs(args[0], kwargs);
});

// dict.fromkeys(...) on the `dict` global, as on Python's dict type.
const DICT_TYPE = { [PY_TYPE]: 'type' };
Object.defineProperty(dict, PY_GETATTR, {
  value: (name: string) => (name === 'fromkeys' ? new BoundMethod(DICT_TYPE, 'fromkeys', DICT_METHODS.fromkeys) : MISSING),
});

const namespace = builtin(['*args', '**kwargs'], (args: unknown[], kwargs: Kwargs) => {
  if (args.length > 1) throw typeError(`dict expected at most 1 argument, got ${args.length}`);
  return new Namespace(dictFromArgs(args[0], kwargs));
});

const cycler = builtin(['*items'], (items: unknown[]) => new Cycler(items));
const joiner = builtin(['sep?'], (sep: unknown) => new Joiner(sep === undefined ? ', ' : sep));

const LOREM_WORDS = (
  'a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent arcu at auctor augue bibendum blandit class ' +
  'commodo condimentum congue consectetuer consequat conubia convallis cras cubilia cum curabitur curae cursus dapibus ' +
  'diam dictum dictumst dignissim dis dolor donec dui duis egestas eget eleifend elementum elit enim erat eros est et ' +
  'etiam eu euismod facilisi facilisis fames faucibus felis fermentum feugiat fringilla fusce gravida habitant ' +
  'habitasse hac hendrerit hymenaeos iaculis id imperdiet in inceptos integer interdum ipsum justo lacinia lacus ' +
  'laoreet lectus leo libero ligula litora lobortis lorem luctus maecenas magna magnis malesuada massa mattis mauris ' +
  'metus mi molestie mollis montes morbi mus nam nascetur natoque nec neque netus nibh nisi nisl non nonummy nostra ' +
  'nulla nullam nunc odio orci ornare parturient pede pellentesque penatibus per pharetra phasellus placerat platea ' +
  'porta porttitor posuere potenti praesent pretium primis proin pulvinar purus quam quis quisque rhoncus ridiculus ' +
  'risus rutrum sagittis sapien scelerisque sed sem semper senectus sit sociis sociosqu sodales sollicitudin ' +
  'suscipit suspendisse taciti tellus tempor tempus tincidunt torquent tortor tristique turpis ullamcorper ultrices ' +
  'ultricies urna ut varius vehicula vel velit venenatis vestibulum vitae vivamus viverra volutpat vulputate'
).split(' ');

function randrange(lo: number, hi: number): number {
  if (hi <= lo) throw valueError(`empty range for randrange() (${lo}, ${hi}, ${hi - lo})`);
  return lo + Math.floor(Math.random() * (hi - lo));
}

/** Random lorem ipsum paragraphs, with Jinja's sentence and comma rhythm. */
const lipsum = builtin(['n?', 'html?', 'min?', 'max?'], (n: unknown, html: unknown, min: unknown, max: unknown) => {
  const count = n === undefined ? 5 : optInt(n, 5);
  const lo = min === undefined ? 20 : optInt(min, 20);
  const hi = max === undefined ? 100 : optInt(max, 100);
  const result: string[] = [];
  for (let p = 0; p < count; p++) {
    let nextCapitalized = true;
    let lastComma = 0;
    let lastFullstop = 0;
    let last: string | null = null;
    const words: string[] = [];
    const total = randrange(lo, hi);
    for (let idx = 0; idx < total; idx++) {
      let word: string;
      do word = LOREM_WORDS[Math.floor(Math.random() * LOREM_WORDS.length)];
      while (word === last);
      last = word;
      if (nextCapitalized) {
        word = word[0].toUpperCase() + word.slice(1);
        nextCapitalized = false;
      }
      if (idx - randrange(3, 8) > lastComma) {
        lastComma = idx;
        lastFullstop += 2;
        word += ',';
      }
      if (idx - randrange(10, 20) > lastFullstop) {
        lastComma = lastFullstop = idx;
        word += '.';
        nextCapitalized = true;
      }
      words.push(word);
    }
    let text = words.join(' ');
    if (text.endsWith(',')) text = text.slice(0, -1) + '.';
    else if (!text.endsWith('.')) text += '.';
    result.push(text);
  }
  if (html !== undefined && !html) return result.join('\n\n');
  return new Markup(result.map((x) => `<p>${escapeString(x)}</p>`).join('\n'));
});

export const DEFAULT_GLOBALS: Record<string, unknown> = { range, dict, lipsum, cycler, joiner, namespace };
