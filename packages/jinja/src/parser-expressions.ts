// Expression grammar, with Jinja's precedence: condexpr < or < and < not < compare < +,- < ~
// < *,/,//,% < ** < unary < postfix (.attr, [item], call) < filters and tests.
import type * as N from './nodes.js';
import { describeToken, type TokenStream } from './token-stream.js';

const COMPARE_OPS = new Set(['eq', 'ne', 'lt', 'lteq', 'gt', 'gteq']);
const MATH2: Record<string, N.BinOp> = { mul: 'Mul', div: 'Div', floordiv: 'FloorDiv', mod: 'Mod' };

export class ExpressionParser {
  constructor(protected readonly stream: TokenStream) {}

  parseExpression(withCondexpr = true): N.Expr {
    return withCondexpr ? this.parseCondexpr() : this.parseOr();
  }

  private parseCondexpr(): N.Expr {
    let lineno = this.stream.current.lineno;
    let expr1 = this.parseOr();
    while (this.stream.skipIf('name:if')) {
      const expr2 = this.parseOr();
      const expr3 = this.stream.skipIf('name:else') ? this.parseCondexpr() : null;
      expr1 = { type: 'CondExpr', test: expr2, expr1, expr2: expr3, lineno };
      lineno = this.stream.current.lineno;
    }
    return expr1;
  }

  private parseOr(): N.Expr {
    let lineno = this.stream.current.lineno;
    let left = this.parseAnd();
    while (this.stream.skipIf('name:or')) {
      const right = this.parseAnd();
      left = { type: 'BinExpr', op: 'Or', left, right, lineno };
      lineno = this.stream.current.lineno;
    }
    return left;
  }

  private parseAnd(): N.Expr {
    let lineno = this.stream.current.lineno;
    let left = this.parseNot();
    while (this.stream.skipIf('name:and')) {
      const right = this.parseNot();
      left = { type: 'BinExpr', op: 'And', left, right, lineno };
      lineno = this.stream.current.lineno;
    }
    return left;
  }

  private parseNot(): N.Expr {
    if (this.stream.test('name:not')) {
      const lineno = this.stream.next().lineno;
      return { type: 'UnaryExpr', op: 'Not', node: this.parseNot(), lineno };
    }
    return this.parseCompare();
  }

  private parseCompare(): N.Expr {
    let lineno = this.stream.current.lineno;
    const expr = this.parseMath1();
    const ops: N.Compare['ops'] = [];
    for (;;) {
      const t = this.stream.type();
      if (COMPARE_OPS.has(t)) {
        this.stream.next();
        ops.push({ op: t as N.CompareOp, expr: this.parseMath1() });
      } else if (this.stream.skipIf('name:in')) {
        ops.push({ op: 'in', expr: this.parseMath1() });
      } else if (this.stream.test('name:not') && this.stream.look().type === 'name' && this.stream.look().value === 'in') {
        this.stream.skip(2);
        ops.push({ op: 'notin', expr: this.parseMath1() });
      } else break;
      lineno = this.stream.current.lineno;
    }
    if (!ops.length) return expr;
    return { type: 'Compare', expr, ops, lineno };
  }

  private parseMath1(): N.Expr {
    let lineno = this.stream.current.lineno;
    let left = this.parseConcat();
    while (this.stream.type() === 'add' || this.stream.type() === 'sub') {
      const op = this.stream.next().type === 'add' ? 'Add' : 'Sub';
      const right = this.parseConcat();
      left = { type: 'BinExpr', op, left, right, lineno };
      lineno = this.stream.current.lineno;
    }
    return left;
  }

  private parseConcat(): N.Expr {
    const lineno = this.stream.current.lineno;
    const args = [this.parseMath2()];
    while (this.stream.type() === 'tilde') {
      this.stream.next();
      args.push(this.parseMath2());
    }
    return args.length === 1 ? args[0] : { type: 'Concat', nodes: args, lineno };
  }

  private parseMath2(): N.Expr {
    let lineno = this.stream.current.lineno;
    let left = this.parsePow();
    while (MATH2[this.stream.type()]) {
      const op = MATH2[this.stream.next().type];
      const right = this.parsePow();
      left = { type: 'BinExpr', op, left, right, lineno };
      lineno = this.stream.current.lineno;
    }
    return left;
  }

  private parsePow(): N.Expr {
    let lineno = this.stream.current.lineno;
    let left = this.parseUnary();
    while (this.stream.type() === 'pow') {
      this.stream.next();
      const right = this.parseUnary();
      left = { type: 'BinExpr', op: 'Pow', left, right, lineno };
      lineno = this.stream.current.lineno;
    }
    return left;
  }

  private parseUnary(withFilter = true): N.Expr {
    const t = this.stream.current;
    let node: N.Expr;
    if (t.type === 'sub') {
      this.stream.next();
      node = { type: 'UnaryExpr', op: 'Neg', node: this.parseUnary(false), lineno: t.lineno };
    } else if (t.type === 'add') {
      this.stream.next();
      node = { type: 'UnaryExpr', op: 'Pos', node: this.parseUnary(false), lineno: t.lineno };
    } else node = this.parsePrimary();
    node = this.parsePostfix(node);
    if (withFilter) node = this.parseFilterExpr(node);
    return node;
  }

  protected parsePrimary(): N.Expr {
    const t = this.stream.current;
    if (t.type === 'name') {
      this.stream.next();
      if (t.value === 'true' || t.value === 'True') return { type: 'Const', value: true, lineno: t.lineno };
      if (t.value === 'false' || t.value === 'False') return { type: 'Const', value: false, lineno: t.lineno };
      if (t.value === 'none' || t.value === 'None') return { type: 'Const', value: null, lineno: t.lineno };
      return { type: 'Name', name: t.value, ctx: 'load', lineno: t.lineno };
    }
    if (t.type === 'string') {
      this.stream.next();
      let value = t.value as string;
      while (this.stream.type() === 'string') value += this.stream.next().value;
      return { type: 'Const', value, lineno: t.lineno };
    }
    if (t.type === 'integer') {
      this.stream.next();
      return { type: 'Const', value: t.value, lineno: t.lineno };
    }
    if (t.type === 'float') {
      this.stream.next();
      return { type: 'Const', value: { float: t.value }, lineno: t.lineno };
    }
    if (t.type === 'lparen') {
      this.stream.next();
      const node = this.parseTuple({ explicitParentheses: true });
      this.stream.expect('rparen');
      return node;
    }
    if (t.type === 'lbracket') return this.parseList();
    if (t.type === 'lbrace') return this.parseDict();
    return this.stream.fail(`unexpected '${describeToken(t)}'`, t.lineno);
  }

  isTupleEnd(extraEndRules: string[] | null): boolean {
    const t = this.stream.type();
    if (t === 'variable_end' || t === 'block_end' || t === 'rparen') return true;
    return extraEndRules ? this.stream.testAny(...extraEndRules) : false;
  }

  parseTuple(
    opts: { simplified?: boolean; withCondexpr?: boolean; extraEndRules?: string[] | null; explicitParentheses?: boolean } = {},
  ): N.Expr {
    const { simplified = false, withCondexpr = true, extraEndRules = null, explicitParentheses = false } = opts;
    let lineno = this.stream.current.lineno;
    const parse = simplified ? () => this.parsePrimary() : () => this.parseExpression(withCondexpr);
    const args: N.Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (args.length) this.stream.expect('comma');
      if (this.isTupleEnd(extraEndRules)) break;
      args.push(parse());
      if (this.stream.type() === 'comma') isTuple = true;
      else break;
      lineno = this.stream.current.lineno;
    }
    if (!isTuple) {
      if (args.length) return args[0];
      if (!explicitParentheses) this.stream.fail(`Expected an expression, got '${describeToken(this.stream.current)}'`);
    }
    return { type: 'Tuple', items: args, ctx: 'load', lineno };
  }

  private parseList(): N.Expr {
    const t = this.stream.expect('lbracket');
    const items: N.Expr[] = [];
    while (this.stream.type() !== 'rbracket') {
      if (items.length) this.stream.expect('comma');
      if (this.stream.type() === 'rbracket') break;
      items.push(this.parseExpression());
    }
    this.stream.expect('rbracket');
    return { type: 'List', items, lineno: t.lineno };
  }

  private parseDict(): N.Expr {
    const t = this.stream.expect('lbrace');
    const items: N.DictNode['items'] = [];
    while (this.stream.type() !== 'rbrace') {
      if (items.length) this.stream.expect('comma');
      if (this.stream.type() === 'rbrace') break;
      const key = this.parseExpression();
      this.stream.expect('colon');
      items.push({ key, value: this.parseExpression() });
    }
    this.stream.expect('rbrace');
    return { type: 'Dict', items, lineno: t.lineno };
  }

  protected parsePostfix(node: N.Expr): N.Expr {
    for (;;) {
      const t = this.stream.type();
      if (t === 'dot' || t === 'lbracket') node = this.parseSubscript(node);
      else if (t === 'lparen') node = this.parseCall(node);
      else break;
    }
    return node;
  }

  private parseFilterExpr(node: N.Expr): N.Expr {
    for (;;) {
      const t = this.stream.current;
      if (t.type === 'pipe') node = this.parseFilter(node)!;
      else if (t.type === 'name' && t.value === 'is') node = this.parseTest(node);
      else if (t.type === 'lparen') node = this.parseCall(node);
      else break;
    }
    return node;
  }

  private parseSubscript(node: N.Expr): N.Expr {
    const t = this.stream.next();
    if (t.type === 'dot') {
      const attr = this.stream.current;
      this.stream.next();
      if (attr.type === 'name') return { type: 'Getattr', node, attr: attr.value, lineno: t.lineno };
      if (attr.type !== 'integer') this.stream.fail('expected name or number', attr.lineno, attr);
      return { type: 'Getitem', node, arg: { type: 'Const', value: attr.value, lineno: attr.lineno }, lineno: t.lineno };
    }
    // lbracket
    const args: N.Expr[] = [];
    while (this.stream.type() !== 'rbracket') {
      if (args.length) this.stream.expect('comma');
      args.push(this.parseSubscribed());
    }
    this.stream.expect('rbracket');
    const arg: N.Expr = args.length === 1 ? args[0] : { type: 'Tuple', items: args, ctx: 'load', lineno: t.lineno };
    return { type: 'Getitem', node, arg, lineno: t.lineno };
  }

  private parseSubscribed(): N.Expr {
    const lineno = this.stream.current.lineno;
    const args: (N.Expr | null)[] = [];
    if (this.stream.type() === 'colon') {
      this.stream.next();
      args.push(null);
    } else {
      const node = this.parseExpression();
      if (this.stream.type() !== 'colon') return node;
      this.stream.next();
      args.push(node);
    }
    if (this.stream.type() === 'colon') args.push(null);
    else if (this.stream.type() !== 'rbracket' && this.stream.type() !== 'comma') args.push(this.parseExpression());
    else args.push(null);
    if (this.stream.type() === 'colon') {
      this.stream.next();
      if (this.stream.type() !== 'rbracket' && this.stream.type() !== 'comma') args.push(this.parseExpression());
      else args.push(null);
    } else args.push(null);
    return { type: 'Slice', start: args[0], stop: args[1], step: args[2], lineno };
  }

  protected parseCallArgs(): N.CallArgs {
    const t = this.stream.expect('lparen');
    const out: N.CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    const ensure = (ok: boolean): void => {
      if (!ok) this.stream.fail('invalid syntax for function call expression', t.lineno);
    };
    let requireComma = false;
    while (this.stream.type() !== 'rparen') {
      if (requireComma) {
        this.stream.expect('comma');
        if (this.stream.type() === 'rparen') break;
      }
      if (this.stream.type() === 'mul') {
        ensure(out.dynArgs === null && out.dynKwargs === null);
        this.stream.next();
        out.dynArgs = this.parseExpression();
      } else if (this.stream.type() === 'pow') {
        ensure(out.dynKwargs === null);
        this.stream.next();
        out.dynKwargs = this.parseExpression();
      } else if (this.stream.type() === 'name' && this.stream.look().type === 'assign') {
        ensure(out.dynKwargs === null);
        const key = this.stream.current.value as string;
        this.stream.skip(2);
        out.kwargs.push({ key, value: this.parseExpression() });
      } else {
        ensure(out.dynArgs === null && out.dynKwargs === null && !out.kwargs.length);
        out.args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.stream.expect('rparen');
    return out;
  }

  private parseCall(node: N.Expr): N.Expr {
    const lineno = this.stream.current.lineno;
    return { type: 'Call', node, ...this.parseCallArgs(), lineno };
  }

  protected parseFilter(node: N.Expr | null, startInline = false): N.Expr | null {
    while (this.stream.type() === 'pipe' || startInline) {
      if (!startInline) this.stream.next();
      const t = this.stream.expect('name');
      let name = t.value as string;
      while (this.stream.type() === 'dot') {
        this.stream.next();
        name += '.' + this.stream.expect('name').value;
      }
      const args = this.stream.type() === 'lparen' ? this.parseCallArgs() : { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
      node = { type: 'Filter', node, name, ...args, lineno: t.lineno };
      startInline = false;
    }
    return node;
  }

  private parseTest(node: N.Expr): N.Expr {
    const t = this.stream.next();
    const negated = this.stream.skipIf('name:not');
    let name = this.stream.expect('name').value as string;
    while (this.stream.type() === 'dot') {
      this.stream.next();
      name += '.' + this.stream.expect('name').value;
    }
    let args: N.CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    const cur = this.stream.current;
    if (cur.type === 'lparen') args = this.parseCallArgs();
    else if (
      ['name', 'string', 'integer', 'float', 'lparen', 'lbracket', 'lbrace'].includes(cur.type) &&
      !this.stream.testAny('name:else', 'name:or', 'name:and')
    ) {
      if (this.stream.test('name:is')) this.stream.fail('You cannot chain multiple tests with is');
      args = { ...args, args: [this.parsePostfix(this.parsePrimary())] };
    }
    const test: N.Expr = { type: 'Test', node, name, ...args, lineno: t.lineno };
    return negated ? { type: 'UnaryExpr', op: 'Not', node: test, lineno: t.lineno } : test;
  }
}
