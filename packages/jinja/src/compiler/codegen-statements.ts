// Statement code generation: output, loops, conditionals, macros and call blocks, filter and
// set blocks, with, assignments. Mirrors Jinja's compiler (frames, output checks for
// inheritance, assignment export) but emits JavaScript.
import * as N from '../nodes.js';
import { escapeString, Markup } from '../runtime/markup.js';
import { truthy } from '../runtime/protocol.js';
import { pyStr } from '../runtime/repr.js';
import { CompileExit, ExprCompiler } from './codegen-expr.js';
import { IMPOSSIBLE } from './fold.js';
import type { Frame } from './frame.js';
import { findUndeclared } from './symbols.js';

interface FunctionDeps {
  line: number;
  filters: Set<string>;
  tests: Set<string>;
}

export abstract class StatementCompiler extends ExprCompiler {
  /** Set once an unconditional top-level {% extends %} was compiled (later output is dead). */
  protected hasKnownExtends = false;
  protected readonly assignStack: Set<string>[] = [];
  private readonly depsStack: FunctionDeps[] = [];

  /** Compiles one statement (the dispatch lives with the template-level code). */
  protected abstract stmt(node: N.Stmt, frame: Frame): void;

  protected beginFunction(): void {
    this.w.beginFunction();
    this.w.line('const undef = env.undefined;');
    this.depsStack.push({ line: this.w.lines.length, filters: new Set(), tests: new Set() });
    this.w.line('');
  }

  protected endFunction(): void {
    const deps = this.depsStack.pop()!;
    const decls: string[] = [];
    for (const name of deps.filters) decls.push(`const ${this.filterIds.get(name)} = lookupFilter(env, ${JSON.stringify(name)});`);
    for (const name of deps.tests) decls.push(`const ${this.testIds.get(name)} = lookupTest(env, ${JSON.stringify(name)});`);
    this.w.lines[deps.line] += decls.join(' ');
    this.w.endFunction();
  }

  protected override dependency(kind: 'filter' | 'test', name: string, node: { lineno: number }, frame: Frame): string {
    const id = super.dependency(kind, name, node, frame);
    const deps = this.depsStack[this.depsStack.length - 1];
    (kind === 'filter' ? deps.filters : deps.tests).add(name);
    return id;
  }

  protected enterFrame(frame: Frame, skip: Set<string> = new Set()): void {
    for (const [target, load] of frame.symbols.loads) {
      if (skip.has(target)) continue;
      switch (load.kind) {
        case 'param':
          this.w.line(`let ${target};`);
          break;
        case 'resolve':
          this.w.line(`let ${target} = context.resolveOrMissing(${JSON.stringify(load.name)});`);
          break;
        case 'alias':
          this.w.line(`let ${target} = ${load.ref};`);
          break;
        case 'undefined':
          this.w.line(`let ${target} = MISSING;`);
          break;
      }
    }
  }

  protected blockVisit(nodes: N.Stmt[], frame: Frame): void {
    try {
      for (const node of nodes) this.stmt(node, frame);
    } catch (e) {
      if (!(e instanceof CompileExit)) throw e;
    }
  }

  protected localContext(frame: Frame): string {
    const items = [...frame.symbols.dumpStores()].map(([name, ref]) => `${JSON.stringify(name)}, ${ref}`);
    return `localsOf([${items.join(', ')}])`;
  }

  protected write(frame: Frame, code: string, lineno?: number): void {
    this.w.line(`${frame.buffer} += ${code};`, lineno);
  }

  /** Wraps an expression's value for output: str(), escape() or the volatile choice. */
  /** Jinja evaluates constant output at compile time, with the compile-time autoescape flag. */
  protected foldOutput(child: N.Expr, frame: Frame): string | null {
    const v = this.folder.fold(child, frame.evalCtx);
    if (v === IMPOSSIBLE) return null;
    try {
      const escaped = frame.evalCtx.autoescape ? (v instanceof Markup ? v : new Markup(escapeString(pyStr(v)))) : v;
      return pyStr(this.env.finalize ? this.env.finalize(escaped) : escaped);
    } catch {
      return null;
    }
  }

  protected outputValue(code: string, frame: Frame, finalize: boolean): string {
    const v = finalize && this.env.finalize ? `env.finalize(${code})` : code;
    if (frame.evalCtx.volatile) return `(context.evalCtx.autoescape ? escapeOut(${v}) : str(${v}))`;
    return frame.evalCtx.autoescape ? `escapeOut(${v})` : `str(${v})`;
  }

  protected output(node: N.Output, frame: Frame): void {
    if (frame.requireOutputCheck) {
      if (this.hasKnownExtends) return;
      this.w.line('if (parentTemplate === null) {', node.lineno);
      this.w.indent();
    }
    // One generated line per part, so a failing expression maps back to its own template line.
    const parts: [string, number][] = [];
    let text = '';
    let textLine = node.lineno;
    for (const child of node.nodes) {
      if (child.type === 'TemplateData') {
        if (!text) textLine = child.lineno;
        text += child.data;
        continue;
      }
      const folded = this.foldOutput(child, frame);
      if (folded !== null) {
        if (!text) textLine = child.lineno;
        text += folded;
        continue;
      }
      if (text) parts.push([JSON.stringify(text), textLine]);
      text = '';
      parts.push([this.outputValue(this.expr(child, frame), frame, true), child.lineno]);
    }
    if (text) parts.push([JSON.stringify(text), textLine]);
    parts.forEach(([code, lineno], i) => {
      const first = i === 0;
      const last = i === parts.length - 1;
      this.w.line(`${first ? `${frame.buffer} += ` : '  + '}${code}${last ? ';' : ''}`, lineno);
    });
    if (frame.requireOutputCheck) {
      this.w.dedent();
      this.w.line('}');
    }
  }

  protected forLoop(node: N.For, frame: Frame): void {
    const w = this.w;
    const loopFrame = frame.inner();
    loopFrame.loopFrame = true;
    const testFrame = frame.inner();
    const elseFrame = frame.inner();
    const extended =
      node.recursive ||
      findUndeclared(node.body, ['loop']).has('loop') ||
      N.findAll([node], 'Block').some((b) => b.scoped);
    const loopRef = extended ? loopFrame.symbols.declareParameter('loop') : null;
    loopFrame.symbols.loopContextRef = loopRef;
    loopFrame.symbols.analyzeNode(node, 'body');
    if (node.else_.length) elseFrame.symbols.analyzeNode(node, 'else');
    for (const name of N.findAll([node], 'Name')) {
      if (name.ctx === 'store' && name.name === 'loop') this.fail("Can't assign to special loop variable in for-loop target", name.lineno);
    }

    w.line('{', node.lineno);
    w.indent();
    let filterFn: string | null = null;
    if (node.test) {
      filterFn = w.temp(false);
      testFrame.symbols.analyzeNode(node, 'test');
      w.line(`const ${filterFn} = function* (fiter) {`, node.test.lineno);
      w.indent();
      this.beginFunction();
      this.enterFrame(testFrame);
      const item = w.temp(false);
      w.line(`for (const ${item} of iterate(fiter)) {`);
      w.indent();
      this.assignTarget(node.target, item, loopFrame, false);
      w.line(`if (truthy(${this.expr(node.test, testFrame)})) yield ${this.targetValue(node.target, loopFrame)};`, node.test.lineno);
      w.dedent();
      w.line('}');
      this.endFunction();
      w.dedent();
      w.line('};');
    }

    let loopFn: string | null = null;
    const outerBuffer = frame.buffer;
    if (node.recursive) {
      loopFn = w.temp(false);
      w.line(`const ${loopFn} = (reciter, depth) => {`, node.lineno);
      w.indent();
      this.beginFunction();
      const buf = w.temp(false);
      w.line(`let ${buf} = '';`);
      loopFrame.buffer = buf;
      elseFrame.buffer = buf;
    }

    const indicator = node.else_.length ? w.temp(false) : null;
    if (indicator) w.line(`let ${indicator} = 1;`);
    const iterable = node.recursive ? 'reciter' : this.expr(node.iter, frame);
    const source = filterFn ? `new PyIter(${filterFn}(${iterable}))` : iterable;
    if (extended) {
      const lc = w.temp(false);
      const recurse = loopFn ?? 'null';
      w.line(`const ${lc} = new LoopContext(${source}, undef, ${recurse}, ${node.recursive ? 'depth' : '0'});`, node.lineno);
      w.line(`while (${lc}.advance()) {`);
      w.indent();
      this.enterFrame(loopFrame, new Set([loopRef!]));
      w.line(`let ${loopRef} = ${lc};`);
      this.assignTarget(node.target, `${lc}.current`, loopFrame, false);
    } else {
      const item = w.temp(false);
      w.line(`for (const ${item} of iterate(${source})) {`, node.lineno);
      w.indent();
      this.enterFrame(loopFrame);
      this.assignTarget(node.target, item, loopFrame, false);
    }
    this.blockVisit(node.body, loopFrame);
    if (indicator) w.line(`${indicator} = 0;`);
    w.dedent();
    w.line('}');
    if (indicator) {
      w.line(`if (${indicator}) {`);
      w.indent();
      this.enterFrame(elseFrame);
      this.blockVisit(node.else_, elseFrame);
      w.dedent();
      w.line('}');
    }
    if (loopFn) {
      w.line(`return ${this.returnBuffer(loopFrame.buffer, frame)};`);
      this.endFunction();
      w.dedent();
      w.line('};');
      w.line(`${outerBuffer} += ${loopFn}(${this.expr(node.iter, frame)}, 0);`, node.lineno);
    }
    w.dedent();
    w.line('}');
    if (this.assignStack.length) {
      const top = this.assignStack[this.assignStack.length - 1];
      for (const s of loopFrame.symbols.stores) top.delete(s);
    }
  }

  protected returnBuffer(buffer: string, frame: Frame): string {
    if (frame.evalCtx.volatile) return `(context.evalCtx.autoescape ? new Markup(${buffer}) : ${buffer})`;
    return frame.evalCtx.autoescape ? `new Markup(${buffer})` : buffer;
  }

  protected ifStmt(node: N.If, frame: Frame): void {
    const ifFrame = frame.soft();
    this.w.line(`if (${this.condition(node.test, ifFrame)}) {`, node.lineno);
    this.w.indent();
    this.blockVisit(node.body, ifFrame);
    this.w.dedent();
    for (const elif of node.elif_) {
      this.w.line(`} else if (${this.condition(elif.test, ifFrame)}) {`, elif.lineno);
      this.w.indent();
      this.blockVisit(elif.body, ifFrame);
      this.w.dedent();
    }
    if (node.else_.length) {
      this.w.line('} else {');
      this.w.indent();
      this.blockVisit(node.else_, ifFrame);
      this.w.dedent();
    }
    this.w.line('}');
  }

  /** Emits the JS function of a macro or call block; returns its name and what it accesses. */
  protected macroBody(node: N.Macro | N.CallBlock, outer: Frame): { fn: string; kwargs: boolean; varargs: boolean; caller: boolean } {
    const w = this.w;
    const frame = outer.inner();
    frame.symbols.analyzeNode(node);
    const args: string[] = [];
    let explicitCaller: number | null = null;
    const skipSpecial = new Set<string>();
    node.args.forEach((arg, idx) => {
      if (arg.name === 'caller') explicitCaller = idx;
      if (arg.name === 'kwargs' || arg.name === 'varargs') skipSpecial.add(arg.name);
      args.push(frame.symbols.ref(arg.name));
    });
    const undeclared = findUndeclared(node.body, ['caller', 'kwargs', 'varargs']);
    let accessesCaller = false;
    let accessesKwargs = false;
    let accessesVarargs = false;
    if (undeclared.has('caller')) {
      if (explicitCaller !== null) {
        if (node.defaults[explicitCaller - node.args.length + node.defaults.length] === undefined) {
          this.fail('When defining macros or call blocks the special "caller" argument must be omitted or be given a default.', node.lineno);
        }
      } else args.push(frame.symbols.declareParameter('caller'));
      accessesCaller = true;
    }
    if (undeclared.has('kwargs') && !skipSpecial.has('kwargs')) {
      args.push(frame.symbols.declareParameter('kwargs'));
      accessesKwargs = true;
    }
    if (undeclared.has('varargs') && !skipSpecial.has('varargs')) {
      args.push(frame.symbols.declareParameter('varargs'));
      accessesVarargs = true;
    }
    frame.requireOutputCheck = false;
    frame.symbols.analyzeNode(node);

    const fn = w.temp(false);
    w.line(`const ${fn} = function (${args.join(', ')}) {`, node.lineno);
    w.indent();
    this.beginFunction();
    const buf = w.temp(false);
    frame.buffer = buf;
    w.line(`let ${buf} = '';`);
    this.enterFrame(frame, new Set(args));
    this.paramDefs.push(frame.symbols.paramTargets());
    node.args.forEach((arg, idx) => {
      const ref = frame.symbols.ref(arg.name);
      const defaultIdx = idx - node.args.length + node.defaults.length;
      const value =
        defaultIdx >= 0
          ? this.expr(node.defaults[defaultIdx], frame)
          : `new undef(${JSON.stringify(`parameter '${arg.name}' was not provided`)}, MISSING, ${JSON.stringify(arg.name)})`;
      w.line(`if (${ref} === MISSING) ${ref} = ${value};`);
      this.paramDefs[this.paramDefs.length - 1].delete(ref);
    });
    this.paramDefs.pop();
    this.blockVisit(node.body, frame);
    w.line(`return ${buf};`);
    this.endFunction();
    w.dedent();
    w.line('};');
    return { fn, kwargs: accessesKwargs, varargs: accessesVarargs, caller: accessesCaller };
  }

  protected macroObject(node: N.Macro | N.CallBlock, info: { fn: string; kwargs: boolean; varargs: boolean; caller: boolean }): string {
    const name = node.type === 'Macro' ? JSON.stringify(node.name) : 'null';
    const argNames = `[${node.args.map((a) => JSON.stringify(a.name)).join(', ')}]`;
    return `new Macro(env, ${info.fn}, ${name}, ${argNames}, ${info.kwargs}, ${info.varargs}, ${info.caller}, context.evalCtx.autoescape)`;
  }

  protected macro(node: N.Macro, frame: Frame): void {
    const info = this.macroBody(node, frame);
    const ref = frame.symbols.ref(node.name);
    let target = `${ref} = `;
    if (frame.toplevel) {
      if (!node.name.startsWith('_')) this.w.line(`context.exportedVars.add(${JSON.stringify(node.name)});`);
      target = `context.vars[${JSON.stringify(node.name)}] = ${target}`;
    }
    this.w.line(`${target}${this.macroObject(node, info)};`, node.lineno);
  }

  protected callBlock(node: N.CallBlock, frame: Frame): void {
    const info = this.macroBody(node, frame);
    const caller = this.w.temp(false);
    this.w.line(`const ${caller} = ${this.macroObject(node, info)};`, node.lineno);
    this.write(frame, `str(${this.call(node.call, frame, [['caller', caller]])})`, node.lineno);
  }

  protected filterBlock(node: N.FilterBlock, frame: Frame): void {
    const w = this.w;
    const filterFrame = frame.inner();
    filterFrame.symbols.analyzeNode(node);
    w.line('{', node.lineno);
    w.indent();
    this.enterFrame(filterFrame);
    const buf = w.temp(false);
    filterFrame.buffer = buf;
    w.line(`let ${buf} = '';`);
    this.blockVisit(node.body, filterFrame);
    const body = this.bodyValue(buf, frame);
    this.write(frame, `str(${this.filter(node.filter, filterFrame, body)})`, node.lineno);
    w.dedent();
    w.line('}');
  }

  protected bodyValue(buf: string, frame: Frame): string {
    if (frame.evalCtx.volatile) return `(context.evalCtx.autoescape ? new Markup(${buf}) : ${buf})`;
    return frame.evalCtx.autoescape ? `new Markup(${buf})` : buf;
  }

  protected withStmt(node: N.With, frame: Frame): void {
    const withFrame = frame.inner();
    withFrame.symbols.analyzeNode(node);
    this.w.line('{', node.lineno);
    this.w.indent();
    this.enterFrame(withFrame);
    node.targets.forEach((target, i) => {
      this.assignTarget(target, this.expr(node.values[i], frame), withFrame, false);
    });
    this.blockVisit(node.body, withFrame);
    this.w.dedent();
    this.w.line('}');
  }

  /** The value to yield from a loop filter: the item, re-packed when the target unpacks. */
  protected targetValue(target: N.Expr, frame: Frame): string {
    if (target.type === 'Tuple') return `tuple([${target.items.map((i) => this.targetValue(i, frame)).join(', ')}])`;
    if (target.type === 'Name') return frame.symbols.ref(target.name);
    return 'null';
  }

  /** Assigns `value` (JS source) to a target; `track` records top-level names for export. */
  protected assignTarget(target: N.Expr, value: string, frame: Frame, track = true): void {
    if (target.type === 'Name') {
      if (track && (frame.toplevel || frame.loopFrame || frame.blockFrame) && this.assignStack.length) {
        this.assignStack[this.assignStack.length - 1].add(target.name);
      }
      this.w.line(`${frame.symbols.ref(target.name)} = ${value};`);
    } else if (target.type === 'Tuple') {
      const t = this.w.temp();
      this.w.line(`${t} = unpack(${value}, ${target.items.length});`);
      target.items.forEach((item, i) => this.assignTarget(item, `${t}[${i}]`, frame, track));
    } else if (target.type === 'NSRef') {
      this.w.line(`nsSet(${frame.symbols.ref(target.name)}, ${JSON.stringify(target.attr)}, ${value});`);
    } else this.fail(`can't assign to '${target.type.toLowerCase()}'`, target.lineno);
  }

  protected popAssignTracking(frame: Frame): void {
    const vars = this.assignStack.pop()!;
    if (!frame.toplevel || frame.loopFrame || frame.blockFrame || !vars.size) return;
    for (const name of vars) {
      this.w.line(`context.vars[${JSON.stringify(name)}] = ${frame.symbols.ref(name)};`);
    }
    for (const name of vars) if (!name.startsWith('_')) this.w.line(`context.exportedVars.add(${JSON.stringify(name)});`);
  }

  protected assign(node: N.Assign, frame: Frame): void {
    this.assignStack.push(new Set());
    this.w.setLine(node.lineno);
    this.assignTarget(node.target, this.expr(node.node, frame), frame);
    this.popAssignTracking(frame);
  }

  protected assignBlock(node: N.AssignBlock, frame: Frame): void {
    const w = this.w;
    this.assignStack.push(new Set());
    const blockFrame = frame.inner();
    blockFrame.requireOutputCheck = false;
    blockFrame.symbols.analyzeNode(node);
    w.line('{', node.lineno);
    w.indent();
    this.enterFrame(blockFrame);
    const buf = w.temp(false);
    blockFrame.buffer = buf;
    w.line(`let ${buf} = '';`);
    this.blockVisit(node.body, blockFrame);
    const raw = node.filter ? this.filter(node.filter, blockFrame, this.bodyValue(buf, frame)) : buf;
    const value = frame.evalCtx.volatile
      ? `(context.evalCtx.autoescape ? new Markup(${raw}) : ${raw})`
      : frame.evalCtx.autoescape
        ? `new Markup(${raw})`
        : raw;
    this.assignTarget(node.target, value, frame);
    this.popAssignTracking(frame);
    w.dedent();
    w.line('}');
  }

  protected scope(node: N.Scope, frame: Frame): void {
    const scopeFrame = frame.inner();
    scopeFrame.symbols.analyzeNode(node);
    this.w.line('{', node.lineno);
    this.w.indent();
    this.enterFrame(scopeFrame);
    this.blockVisit(node.body, scopeFrame);
    this.w.dedent();
    this.w.line('}');
  }

  protected evalContextModifier(node: N.ScopedEvalContextModifier, frame: Frame): void {
    const saved = this.w.temp();
    const before = { ...frame.evalCtx };
    this.w.line(`${saved} = context.evalCtx.autoescape;`, node.lineno);
    this.w.line(`context.evalCtx.autoescape = truthy(${this.expr(node.autoescape, frame)});`);
    const value = this.folder.fold(node.autoescape, frame.evalCtx);
    if (value === IMPOSSIBLE) frame.evalCtx.volatile = true;
    else frame.evalCtx.autoescape = truthy(value);
    for (const child of node.body) this.stmt(child, frame);
    Object.assign(frame.evalCtx, before);
    this.w.line(`context.evalCtx.autoescape = ${saved};`);
  }
}
