// Static name resolution, following Jinja's scoping rules: for each frame, which template
// names are local variables, and how each local starts out (a parameter, a lookup in the
// context, an alias of an outer local, or undefined).
import { children, type Node } from '../nodes.js';

export type Load =
  | { kind: 'param' }
  | { kind: 'resolve'; name: string }
  | { kind: 'alias'; ref: string }
  | { kind: 'undefined' };

/** A JS-safe identifier for a template name at a nesting level. */
function identFor(level: number, name: string): string {
  const safe = /^[A-Za-z0-9_]+$/.test(name) ? name : name.replace(/[^A-Za-z0-9_]/gu, (c) => `$${c.codePointAt(0)!.toString(16)}$`);
  return `l_${level}_${safe}`;
}

export class Symbols {
  readonly level: number;
  refs = new Map<string, string>();
  loads = new Map<string, Load>();
  stores = new Set<string>();
  /** The identifier of this frame's `loop` variable when the compiler bound it to a LoopContext. */
  loopContextRef: string | null = null;

  constructor(
    readonly parent: Symbols | null = null,
    level?: number,
  ) {
    this.level = level ?? (parent ? parent.level + 1 : 0);
  }

  private defineRef(name: string, load?: Load): string {
    const ident = identFor(this.level, name);
    this.refs.set(name, ident);
    if (load) this.loads.set(ident, load);
    return ident;
  }

  findLoad(target: string): Load | undefined {
    return this.loads.get(target) ?? this.parent?.findLoad(target);
  }

  findRef(name: string): string | undefined {
    return this.refs.get(name) ?? this.parent?.findRef(name);
  }

  /** The symbols object that defines `name` (this frame or an ancestor). */
  definingScope(name: string): Symbols | null {
    if (this.refs.has(name)) return this;
    return this.parent ? this.parent.definingScope(name) : null;
  }

  ref(name: string): string {
    const r = this.findRef(name);
    if (r === undefined) throw new Error(`internal: unknown name ${name} in frame`);
    return r;
  }

  copy(): Symbols {
    const s = new Symbols(this.parent, this.level);
    s.refs = new Map(this.refs);
    s.loads = new Map(this.loads);
    s.stores = new Set(this.stores);
    s.loopContextRef = this.loopContextRef;
    return s;
  }

  store(name: string): void {
    this.stores.add(name);
    if (this.refs.has(name)) return;
    const outer = this.parent?.findRef(name);
    if (outer !== undefined) this.defineRef(name, { kind: 'alias', ref: outer });
    else this.defineRef(name, { kind: 'undefined' });
  }

  declareParameter(name: string): string {
    this.stores.add(name);
    return this.defineRef(name, { kind: 'param' });
  }

  load(name: string): void {
    if (this.findRef(name) === undefined) this.defineRef(name, { kind: 'resolve', name });
  }

  branchUpdate(branches: Symbols[]): void {
    const counts = new Map<string, number>();
    for (const b of branches) {
      for (const target of b.stores) {
        if (this.stores.has(target)) continue;
        counts.set(target, (counts.get(target) ?? 0) + 1);
      }
    }
    for (const b of branches) {
      for (const [k, v] of b.refs) this.refs.set(k, v);
      for (const [k, v] of b.loads) this.loads.set(k, v);
      for (const s of b.stores) this.stores.add(s);
    }
    for (const [name, count] of counts) {
      if (count === branches.length) continue;
      const target = this.findRef(name)!;
      const outer = this.parent?.findRef(name);
      if (outer !== undefined) this.loads.set(target, { kind: 'alias', ref: outer });
      else this.loads.set(target, { kind: 'resolve', name });
    }
  }

  /** name → ident of every variable stored in this frame or its parents (innermost wins). */
  dumpStores(): Map<string, string> {
    const rv = new Map<string, string>();
    for (let node: Symbols | null = this as Symbols | null; node; node = node.parent) {
      for (const name of [...node.stores].sort()) if (!rv.has(name)) rv.set(name, this.findRef(name)!);
    }
    return rv;
  }

  /** Identifiers of this frame's parameters. */
  paramTargets(): Set<string> {
    const rv = new Set<string>();
    for (const [target, load] of this.loads) if (load.kind === 'param') rv.add(target);
    return rv;
  }

  /** Analyses the body of a frame-creating node (Jinja's RootVisitor). */
  analyzeNode(node: Node | { type: 'Template'; body: Node[] }, forBranch: 'body' | 'else' | 'test' = 'body'): void {
    const v = new FrameSymbolVisitor(this);
    switch (node.type) {
      case 'Template':
      case 'Block':
      case 'Scope':
        for (const c of node.body) v.visit(c);
        return;
      case 'Macro':
      case 'FilterBlock':
      case 'If':
        for (const c of children(node)) v.visit(c);
        return;
      case 'AssignBlock':
        for (const c of node.body) v.visit(c);
        return;
      case 'CallBlock':
        for (const c of [...node.args, ...node.defaults, ...node.body]) v.visit(c);
        return;
      case 'For':
        if (forBranch === 'body') {
          v.visit(node.target, true);
          for (const c of node.body) v.visit(c);
        } else if (forBranch === 'else') {
          for (const c of node.else_) v.visit(c);
        } else {
          v.visit(node.target, true);
          if (node.test) v.visit(node.test);
        }
        return;
      case 'With':
        for (const t of node.targets) v.visit(t);
        for (const c of node.body) v.visit(c);
        return;
      default:
        throw new Error(`internal: cannot find symbols for ${node.type}`);
    }
  }
}

/** Records loads and stores of one frame, stopping at nodes that open their own frame. */
class FrameSymbolVisitor {
  constructor(private symbols: Symbols) {}

  visit(node: Node, storeAsParam = false): void {
    switch (node.type) {
      case 'Name':
        if (storeAsParam || node.ctx === 'param') this.symbols.declareParameter(node.name);
        else if (node.ctx === 'store') this.symbols.store(node.name);
        else this.symbols.load(node.name);
        return;
      case 'NSRef':
        this.symbols.load(node.name);
        return;
      case 'If': {
        this.visit(node.test, storeAsParam);
        const original = this.symbols;
        const inner = (nodes: Node[]): Symbols => {
          const rv = original.copy();
          this.symbols = rv;
          for (const n of nodes) this.visit(n, storeAsParam);
          this.symbols = original;
          return rv;
        };
        const body = inner(node.body);
        const elif = inner(node.elif_);
        const els = inner(node.else_);
        this.symbols.branchUpdate([body, elif, els]);
        return;
      }
      case 'Macro':
        this.symbols.store(node.name);
        return;
      case 'Import':
        this.visit(node.template, storeAsParam);
        this.symbols.store(node.target);
        return;
      case 'FromImport':
        this.visit(node.template, storeAsParam);
        for (const n of node.names) this.symbols.store(Array.isArray(n) ? n[1] : n);
        return;
      case 'Assign':
        this.visit(node.node, storeAsParam);
        this.visit(node.target, storeAsParam);
        return;
      case 'For':
        this.visit(node.iter, storeAsParam);
        return;
      case 'CallBlock':
        this.visit(node.call, storeAsParam);
        return;
      case 'FilterBlock':
        this.visit(node.filter, storeAsParam);
        return;
      case 'With':
        for (const v of node.values) this.visit(v);
        return;
      case 'AssignBlock':
        this.visit(node.target, storeAsParam);
        return;
      case 'Scope':
      case 'Block':
        return;
      default:
        for (const c of children(node)) this.visit(c, storeAsParam);
    }
  }
}

/** Names from `names` that `nodes` read before (or without) assigning them; stops at blocks. */
export function findUndeclared(nodes: Node[], names: string[]): Set<string> {
  const pending = new Set(names);
  const undeclared = new Set<string>();
  const walk = (n: Node): boolean => {
    if (n.type === 'Block') return false;
    if (n.type === 'Name') {
      if (n.ctx === 'load' && pending.has(n.name)) {
        undeclared.add(n.name);
        if (undeclared.size === pending.size && [...pending].every((x) => undeclared.has(x))) return true;
      } else pending.delete(n.name);
      return false;
    }
    for (const c of children(n)) if (walk(c)) return true;
    return false;
  };
  for (const n of nodes) if (walk(n)) break;
  return undeclared;
}
