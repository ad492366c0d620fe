// A cursor over lexer tokens with Jinja's token tests ("name:endfor") and error wording.
import { TemplateSyntaxError } from './errors.js';
import { columnOf, OPERATORS, type Token } from './lexer.js';

const REVERSE_OPERATORS: Record<string, string> = Object.fromEntries(Object.entries(OPERATORS).map(([k, v]) => [v, k]));

const TYPE_DESCRIPTIONS: Record<string, string> = {
  block_begin: 'begin of statement block',
  block_end: 'end of statement block',
  variable_begin: 'begin of print statement',
  variable_end: 'end of print statement',
  data: 'template data / text',
  eof: 'end of template',
};

export function describeTokenType(type: string): string {
  return REVERSE_OPERATORS[type] ?? TYPE_DESCRIPTIONS[type] ?? type;
}

export function describeToken(t: Token): string {
  return t.type === 'name' ? String(t.value) : describeTokenType(t.type);
}

/** Describes a token expression such as 'name:endfor' or 'block_end'. */
export function describeTokenExpr(expr: string): string {
  const i = expr.indexOf(':');
  if (i >= 0) {
    const type = expr.slice(0, i);
    if (type === 'name') return expr.slice(i + 1);
    return describeTokenType(type);
  }
  return describeTokenType(expr);
}

export function tokenTest(t: Token, expr: string): boolean {
  if (t.type === expr) return true;
  const i = expr.indexOf(':');
  return i >= 0 && expr.slice(0, i) === t.type && expr.slice(i + 1) === t.value;
}

export class TokenStream {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    readonly name: string | null,
    readonly source: string,
  ) {}

  get current(): Token {
    return this.tokens[this.index];
  }
  /** Type of the current token (a call, so that TypeScript does not narrow it). */
  type(): Token['type'] {
    return this.tokens[this.index].type;
  }
  look(): Token {
    return this.tokens[Math.min(this.index + 1, this.tokens.length - 1)];
  }
  /** Advances and returns the token that was current. */
  next(): Token {
    const t = this.tokens[this.index];
    if (this.index < this.tokens.length - 1) this.index++;
    return t;
  }
  skip(n = 1): void {
    for (let i = 0; i < n; i++) this.next();
  }
  get eos(): boolean {
    return this.current.type === 'eof';
  }
  test(expr: string): boolean {
    return tokenTest(this.current, expr);
  }
  testAny(...exprs: string[]): boolean {
    return exprs.some((e) => tokenTest(this.current, e));
  }
  nextIf(expr: string): Token | null {
    return this.test(expr) ? this.next() : null;
  }
  skipIf(expr: string): boolean {
    return this.nextIf(expr) !== null;
  }
  expect(expr: string): Token {
    if (!this.test(expr)) {
      const what = describeTokenExpr(expr);
      if (this.current.type === 'eof') this.fail(`unexpected end of template, expected '${what}'.`);
      this.fail(`expected token '${what}', got '${describeToken(this.current)}'`);
    }
    return this.next();
  }
  fail(message: string, lineno?: number, token: Token = this.current, cls: typeof TemplateSyntaxError = TemplateSyntaxError): never {
    const col = token.pos >= 0 ? columnOf(this.source, token.pos) : null;
    throw new cls(message, lineno ?? token.lineno, this.name, col).withSource(this.source);
  }
}
