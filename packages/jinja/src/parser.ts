// Statement grammar: turns the token stream into a Template node.
import { TemplateAssertionError } from './errors.js';
import { prepareSource, tokenize, type LexerOptions } from './lexer.js';
import type * as N from './nodes.js';
import { ExpressionParser } from './parser-expressions.js';
import { describeTokenExpr, TokenStream } from './token-stream.js';

const STATEMENT_KEYWORDS = new Set(['for', 'if', 'block', 'extends', 'print', 'macro', 'include', 'from', 'import', 'set', 'with', 'autoescape']);

export class Parser extends ExpressionParser {
  private readonly tagStack: string[] = [];
  private readonly endTokenStack: string[][] = [];

  constructor(source: string, name: string | null, opts: LexerOptions) {
    super(new TokenStream(tokenize(source, name, opts), name, prepareSource(source, opts.keepTrailingNewline)));
  }

  parse(): N.Template {
    return { type: 'Template', body: this.subparse(null) };
  }

  private failUnknownTagOrEof(name: string | null, endTokenStack: string[][], lineno: number): never {
    const expected = new Set<string>();
    for (const exprs of endTokenStack) for (const e of exprs) expected.add(describeTokenExpr(e));
    const currentlyLooking = endTokenStack.length
      ? endTokenStack[endTokenStack.length - 1].map((e) => `'${describeTokenExpr(e)}'`).join(' or ')
      : null;
    const message = [name === null ? 'Unexpected end of template.' : `Encountered unknown tag '${name}'.`];
    if (currentlyLooking) {
      if (name !== null && expected.has(name)) {
        message.push(`You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ${currentlyLooking}.`);
      } else message.push(`Jinja was looking for the following tags: ${currentlyLooking}.`);
    }
    if (this.tagStack.length) message.push(`The innermost block that needs to be closed is '${this.tagStack[this.tagStack.length - 1]}'.`);
    return this.stream.fail(message.join(' '), lineno);
  }

  private failEof(endTokens: string[] | null, lineno?: number): never {
    const stack = [...this.endTokenStack];
    if (endTokens) stack.push(endTokens);
    return this.failUnknownTagOrEof(null, stack, lineno ?? this.stream.current.lineno);
  }

  private parseStatement(): N.Stmt | N.Stmt[] {
    const t = this.stream.current;
    if (t.type !== 'name') this.stream.fail('tag name expected', t.lineno);
    const name = t.value as string;
    this.tagStack.push(name);
    let popTag = true;
    try {
      if (STATEMENT_KEYWORDS.has(name)) {
        switch (name) {
          case 'for':
            return this.parseFor();
          case 'if':
            return this.parseIf();
          case 'block':
            return this.parseBlock();
          case 'extends':
            return this.parseExtends();
          case 'print':
            return this.parsePrint();
          case 'macro':
            return this.parseMacro();
          case 'include':
            return this.parseInclude();
          case 'from':
            return this.parseFrom();
          case 'import':
            return this.parseImport();
          case 'set':
            return this.parseSet();
          case 'with':
            return this.parseWith();
          default:
            return this.parseAutoescape();
        }
      }
      if (name === 'call') return this.parseCallBlock();
      if (name === 'filter') return this.parseFilterBlock();
      this.tagStack.pop();
      popTag = false;
      return this.failUnknownTagOrEof(name, this.endTokenStack, t.lineno);
    } finally {
      if (popTag) this.tagStack.pop();
    }
  }

  private parseStatements(endTokens: string[], dropNeedle = false): N.Stmt[] {
    this.stream.skipIf('colon');
    this.stream.expect('block_end');
    const result = this.subparse(endTokens);
    if (this.stream.type() === 'eof') this.failEof(endTokens);
    if (dropNeedle) this.stream.next();
    return result;
  }

  private parseSet(): N.Stmt {
    const lineno = this.stream.next().lineno;
    const target = this.parseAssignTarget({ withNamespace: true });
    if (this.stream.skipIf('assign')) return { type: 'Assign', target, node: this.parseTuple(), lineno };
    const filter = this.parseFilter(null) as N.Filter | null;
    const body = this.parseStatements(['name:endset'], true);
    return { type: 'AssignBlock', target, filter, body, lineno };
  }

  private parseFor(): N.For {
    const lineno = this.stream.expect('name:for').lineno;
    const target = this.parseAssignTarget({ extraEndRules: ['name:in'] });
    this.stream.expect('name:in');
    const iter = this.parseTuple({ withCondexpr: false, extraEndRules: ['name:recursive'] });
    const test = this.stream.skipIf('name:if') ? this.parseExpression() : null;
    const recursive = this.stream.skipIf('name:recursive');
    const body = this.parseStatements(['name:endfor', 'name:else']);
    const else_ = this.stream.next().value === 'endfor' ? [] : this.parseStatements(['name:endfor'], true);
    return { type: 'For', target, iter, body, else_, test, recursive, lineno };
  }

  private parseIf(): N.If {
    const result: N.If = { type: 'If', test: null!, body: [], elif_: [], else_: [], lineno: this.stream.expect('name:if').lineno };
    let node = result;
    for (;;) {
      node.test = this.parseTuple({ withCondexpr: false });
      node.body = this.parseStatements(['name:elif', 'name:else', 'name:endif']);
      const t = this.stream.next();
      if (t.type === 'name' && t.value === 'elif') {
        node = { type: 'If', test: null!, body: [], elif_: [], else_: [], lineno: this.stream.current.lineno };
        result.elif_.push(node);
        continue;
      }
      if (t.type === 'name' && t.value === 'else') result.else_ = this.parseStatements(['name:endif'], true);
      break;
    }
    return result;
  }

  private parseWith(): N.With {
    const lineno = this.stream.next().lineno;
    const targets: N.Expr[] = [];
    const values: N.Expr[] = [];
    while (this.stream.type() !== 'block_end') {
      if (targets.length) this.stream.expect('comma');
      const target = this.parseAssignTarget();
      setCtx(target, 'param');
      targets.push(target);
      this.stream.expect('assign');
      values.push(this.parseExpression());
    }
    const body = this.parseStatements(['name:endwith'], true);
    return { type: 'With', targets, values, body, lineno };
  }

  private parseAutoescape(): N.Scope {
    const lineno = this.stream.next().lineno;
    const autoescape = this.parseExpression();
    const body = this.parseStatements(['name:endautoescape'], true);
    return { type: 'Scope', body: [{ type: 'ScopedEvalContextModifier', autoescape, body, lineno }], lineno };
  }

  private parseBlock(): N.Block {
    const lineno = this.stream.next().lineno;
    const name = this.stream.expect('name').value as string;
    const scoped = this.stream.skipIf('name:scoped');
    const required = this.stream.skipIf('name:required');
    if (this.stream.type() === 'sub') {
      this.stream.fail('Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.');
    }
    const body = this.parseStatements(['name:endblock'], true);
    if (required) {
      const ok = body.every(
        (stmt) => stmt.type === 'Output' && stmt.nodes.every((n) => n.type === 'TemplateData' && /^\s+$/.test(n.data)),
      );
      if (!ok) this.stream.fail('Required blocks can only contain comments or whitespace');
    }
    this.stream.skipIf('name:' + name);
    return { type: 'Block', name, body, scoped, required, lineno };
  }

  private parseExtends(): N.Extends {
    const lineno = this.stream.next().lineno;
    return { type: 'Extends', template: this.parseExpression(), lineno };
  }

  private parseImportContext(fallback: boolean): boolean {
    if (this.stream.testAny('name:with', 'name:without') && this.stream.look().type === 'name' && this.stream.look().value === 'context') {
      const withContext = this.stream.next().value === 'with';
      this.stream.skip();
      return withContext;
    }
    return fallback;
  }

  private parseInclude(): N.Include {
    const lineno = this.stream.next().lineno;
    const template = this.parseExpression();
    let ignoreMissing = false;
    if (this.stream.test('name:ignore') && this.stream.look().type === 'name' && this.stream.look().value === 'missing') {
      ignoreMissing = true;
      this.stream.skip(2);
    }
    return { type: 'Include', template, ignoreMissing, withContext: this.parseImportContext(true), lineno };
  }

  private parseImport(): N.Import {
    const lineno = this.stream.next().lineno;
    const template = this.parseExpression();
    this.stream.expect('name:as');
    const target = (this.parseAssignTarget({ nameOnly: true }) as N.Name).name;
    return { type: 'Import', template, target, withContext: this.parseImportContext(false), lineno };
  }

  private parseFrom(): N.FromImport {
    const lineno = this.stream.next().lineno;
    const template = this.parseExpression();
    this.stream.expect('name:import');
    const names: N.FromImport['names'] = [];
    let withContext: boolean | null = null;
    const parseContext = (): boolean => {
      const v = this.stream.current.value;
      if ((v === 'with' || v === 'without') && this.stream.look().type === 'name' && this.stream.look().value === 'context') {
        withContext = this.stream.next().value === 'with';
        this.stream.skip();
        return true;
      }
      return false;
    };
    for (;;) {
      if (names.length) this.stream.expect('comma');
      if (this.stream.type() === 'name') {
        if (parseContext()) break;
        const target = this.parseAssignTarget({ nameOnly: true }) as N.Name;
        if (target.name.startsWith('_')) {
          this.stream.fail('names starting with an underline can not be imported', target.lineno, undefined, TemplateAssertionError);
        }
        if (this.stream.skipIf('name:as')) {
          const alias = this.parseAssignTarget({ nameOnly: true }) as N.Name;
          names.push([target.name, alias.name]);
        } else names.push(target.name);
        if (parseContext() || this.stream.type() !== 'comma') break;
      } else this.stream.expect('name');
    }
    return { type: 'FromImport', template, names, withContext: withContext ?? false, lineno };
  }

  private parseSignature(): { args: N.Name[]; defaults: N.Expr[] } {
    const args: N.Name[] = [];
    const defaults: N.Expr[] = [];
    this.stream.expect('lparen');
    while (this.stream.type() !== 'rparen') {
      if (args.length) this.stream.expect('comma');
      const arg = this.parseAssignTarget({ nameOnly: true }) as N.Name;
      arg.ctx = 'param';
      if (this.stream.skipIf('assign')) defaults.push(this.parseExpression());
      else if (defaults.length) this.stream.fail('non-default argument follows default argument');
      args.push(arg);
    }
    this.stream.expect('rparen');
    return { args, defaults };
  }

  private parseCallBlock(): N.CallBlock {
    const lineno = this.stream.next().lineno;
    const sig = this.stream.type() === 'lparen' ? this.parseSignature() : { args: [], defaults: [] };
    const call = this.parseExpression();
    if (call.type !== 'Call') this.stream.fail('expected call', lineno);
    const body = this.parseStatements(['name:endcall'], true);
    return { type: 'CallBlock', call: call as N.Call, ...sig, body, lineno };
  }

  private parseFilterBlock(): N.FilterBlock {
    const lineno = this.stream.next().lineno;
    const filter = this.parseFilter(null, true) as N.Filter;
    const body = this.parseStatements(['name:endfilter'], true);
    return { type: 'FilterBlock', body, filter, lineno };
  }

  private parseMacro(): N.Macro {
    const lineno = this.stream.next().lineno;
    const name = (this.parseAssignTarget({ nameOnly: true }) as N.Name).name;
    const sig = this.parseSignature();
    const body = this.parseStatements(['name:endmacro'], true);
    return { type: 'Macro', name, ...sig, body, lineno };
  }

  private parsePrint(): N.Output {
    const lineno = this.stream.next().lineno;
    const nodes: N.Expr[] = [];
    while (this.stream.type() !== 'block_end') {
      if (nodes.length) this.stream.expect('comma');
      nodes.push(this.parseExpression());
    }
    return { type: 'Output', nodes, lineno };
  }

  private parseAssignTarget(
    opts: { withTuple?: boolean; nameOnly?: boolean; extraEndRules?: string[]; withNamespace?: boolean } = {},
  ): N.Expr {
    const { withTuple = true, nameOnly = false, extraEndRules = null, withNamespace = false } = opts;
    let target: N.Expr;
    if (withNamespace && this.stream.look().type === 'dot') {
      const t = this.stream.expect('name');
      this.stream.next();
      const attr = this.stream.expect('name');
      target = { type: 'NSRef', name: t.value, attr: attr.value, lineno: t.lineno };
    } else if (nameOnly) {
      const t = this.stream.expect('name');
      target = { type: 'Name', name: t.value, ctx: 'store', lineno: t.lineno };
    } else {
      target = withTuple ? this.parseTuple({ simplified: true, extraEndRules }) : this.parsePrimary();
      setCtx(target, 'store');
    }
    if (!canAssign(target)) this.stream.fail(`can't assign to '${nodeTypeName(target)}'`, target.lineno);
    return target;
  }

  private subparse(endTokens: string[] | null): N.Stmt[] {
    const body: N.Stmt[] = [];
    let data: N.Expr[] = [];
    const flush = (): void => {
      if (data.length) {
        body.push({ type: 'Output', nodes: data, lineno: data[0].lineno });
        data = [];
      }
    };
    if (endTokens) this.endTokenStack.push(endTokens);
    try {
      while (!this.stream.eos) {
        const t = this.stream.current;
        if (t.type === 'data') {
          if (t.value) data.push({ type: 'TemplateData', data: t.value, lineno: t.lineno });
          this.stream.next();
        } else if (t.type === 'variable_begin') {
          this.stream.next();
          data.push(this.parseTuple({ withCondexpr: true }));
          this.stream.expect('variable_end');
        } else if (t.type === 'block_begin') {
          flush();
          this.stream.next();
          if (endTokens && this.stream.testAny(...endTokens)) return body;
          const rv = this.parseStatement();
          if (Array.isArray(rv)) body.push(...rv);
          else body.push(rv);
          this.stream.expect('block_end');
        } else this.stream.fail('internal parsing error');
      }
      flush();
    } finally {
      if (endTokens) this.endTokenStack.pop();
    }
    return body;
  }
}

function setCtx(node: N.Expr, ctx: N.ExprCtx): void {
  if (node.type === 'Name') node.ctx = ctx;
  else if (node.type === 'Tuple') {
    node.ctx = ctx;
    for (const item of node.items) setCtx(item, ctx);
  }
}

function canAssign(node: N.Expr): boolean {
  if (node.type === 'Name') return !['true', 'false', 'none', 'True', 'False', 'None'].includes(node.name);
  if (node.type === 'NSRef') return true;
  if (node.type === 'Tuple') return node.items.every(canAssign);
  return false;
}

function nodeTypeName(node: N.Expr): string {
  return node.type === 'BinExpr' ? node.op.toLowerCase() : node.type === 'UnaryExpr' ? node.op.toLowerCase() : node.type.toLowerCase();
}
