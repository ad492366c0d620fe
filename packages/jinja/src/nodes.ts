// The template AST, produced by the parser and consumed by the compiler. Shapes follow
// Jinja's nodes module; every node records the line it starts on.

export type ExprCtx = 'load' | 'store' | 'param';

interface Base {
  lineno: number;
}

export interface Name extends Base {
  type: 'Name';
  name: string;
  ctx: ExprCtx;
}
export interface NSRef extends Base {
  type: 'NSRef';
  name: string;
  attr: string;
}
export interface Const extends Base {
  type: 'Const';
  /** null (None), boolean, string, integer (number|bigint) or float ({ float: number }). */
  value: null | boolean | string | number | bigint | { float: number };
}
export interface TemplateData extends Base {
  type: 'TemplateData';
  data: string;
}
export interface TupleNode extends Base {
  type: 'Tuple';
  items: Expr[];
  ctx: ExprCtx;
}
export interface ListNode extends Base {
  type: 'List';
  items: Expr[];
}
export interface DictNode extends Base {
  type: 'Dict';
  items: { key: Expr; value: Expr }[];
}
export interface CondExpr extends Base {
  type: 'CondExpr';
  test: Expr;
  expr1: Expr;
  expr2: Expr | null;
}
export type BinOp = 'Add' | 'Sub' | 'Mul' | 'Div' | 'FloorDiv' | 'Mod' | 'Pow' | 'And' | 'Or';
export interface BinExpr extends Base {
  type: 'BinExpr';
  op: BinOp;
  left: Expr;
  right: Expr;
}
export interface UnaryExpr extends Base {
  type: 'UnaryExpr';
  op: 'Not' | 'Neg' | 'Pos';
  node: Expr;
}
export interface Concat extends Base {
  type: 'Concat';
  nodes: Expr[];
}
export type CompareOp = 'eq' | 'ne' | 'lt' | 'lteq' | 'gt' | 'gteq' | 'in' | 'notin';
export interface Compare extends Base {
  type: 'Compare';
  expr: Expr;
  ops: { op: CompareOp; expr: Expr }[];
}
export interface Keyword {
  key: string;
  value: Expr;
}
export interface CallArgs {
  args: Expr[];
  kwargs: Keyword[];
  dynArgs: Expr | null;
  dynKwargs: Expr | null;
}
export interface Call extends Base, CallArgs {
  type: 'Call';
  node: Expr;
}
export interface Filter extends Base, CallArgs {
  type: 'Filter';
  /** null inside {% filter %} blocks and filtered {% set %} blocks: the block body. */
  node: Expr | null;
  name: string;
}
export interface Test extends Base, CallArgs {
  type: 'Test';
  node: Expr;
  name: string;
}
export interface Getattr extends Base {
  type: 'Getattr';
  node: Expr;
  attr: string;
}
export interface Getitem extends Base {
  type: 'Getitem';
  node: Expr;
  arg: Expr;
}
export interface Slice extends Base {
  type: 'Slice';
  start: Expr | null;
  stop: Expr | null;
  step: Expr | null;
}

export type Expr =
  | Name
  | NSRef
  | Const
  | TemplateData
  | TupleNode
  | ListNode
  | DictNode
  | CondExpr
  | BinExpr
  | UnaryExpr
  | Concat
  | Compare
  | Call
  | Filter
  | Test
  | Getattr
  | Getitem
  | Slice;

export interface Output extends Base {
  type: 'Output';
  nodes: Expr[];
}
export interface For extends Base {
  type: 'For';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  else_: Stmt[];
  test: Expr | null;
  recursive: boolean;
}
export interface If extends Base {
  type: 'If';
  test: Expr;
  body: Stmt[];
  elif_: If[];
  else_: Stmt[];
}
export interface Macro extends Base {
  type: 'Macro';
  name: string;
  args: Name[];
  defaults: Expr[];
  body: Stmt[];
}
export interface CallBlock extends Base {
  type: 'CallBlock';
  call: Call;
  args: Name[];
  defaults: Expr[];
  body: Stmt[];
}
export interface FilterBlock extends Base {
  type: 'FilterBlock';
  body: Stmt[];
  filter: Filter;
}
export interface With extends Base {
  type: 'With';
  targets: Expr[];
  values: Expr[];
  body: Stmt[];
}
export interface Block extends Base {
  type: 'Block';
  name: string;
  body: Stmt[];
  scoped: boolean;
  required: boolean;
}
export interface Include extends Base {
  type: 'Include';
  template: Expr;
  withContext: boolean;
  ignoreMissing: boolean;
}
export interface Import extends Base {
  type: 'Import';
  template: Expr;
  target: string;
  withContext: boolean;
}
export interface FromImport extends Base {
  type: 'FromImport';
  template: Expr;
  names: (string | [string, string])[];
  withContext: boolean;
}
export interface Extends extends Base {
  type: 'Extends';
  template: Expr;
}
export interface ExprStmt extends Base {
  type: 'ExprStmt';
  node: Expr;
}
export interface Assign extends Base {
  type: 'Assign';
  target: Expr;
  node: Expr;
}
export interface AssignBlock extends Base {
  type: 'AssignBlock';
  target: Expr;
  filter: Filter | null;
  body: Stmt[];
}
export interface Scope extends Base {
  type: 'Scope';
  body: Stmt[];
}
export interface ScopedEvalContextModifier extends Base {
  type: 'ScopedEvalContextModifier';
  autoescape: Expr;
  body: Stmt[];
}
export interface Break extends Base {
  type: 'Break';
}
export interface Continue extends Base {
  type: 'Continue';
}

export type Stmt =
  | Output
  | For
  | If
  | Macro
  | CallBlock
  | FilterBlock
  | With
  | Block
  | Include
  | Import
  | FromImport
  | Extends
  | ExprStmt
  | Assign
  | AssignBlock
  | Scope
  | ScopedEvalContextModifier
  | Break
  | Continue;

export type Node = Expr | Stmt;

export interface Template {
  type: 'Template';
  body: Stmt[];
}

/** Direct child nodes, in Jinja's field order (used by the analysis visitors). */
export function children(node: Node): Node[] {
  switch (node.type) {
    case 'Name':
    case 'NSRef':
    case 'Const':
    case 'TemplateData':
    case 'Break':
    case 'Continue':
      return [];
    case 'Tuple':
    case 'List':
      return node.items;
    case 'Dict':
      return node.items.flatMap((p) => [p.key, p.value]);
    case 'CondExpr':
      return node.expr2 ? [node.test, node.expr1, node.expr2] : [node.test, node.expr1];
    case 'BinExpr':
      return [node.left, node.right];
    case 'UnaryExpr':
      return [node.node];
    case 'Concat':
      return node.nodes;
    case 'Compare':
      return [node.expr, ...node.ops.map((o) => o.expr)];
    case 'Call':
      return [node.node, ...callArgChildren(node)];
    case 'Filter':
      return [...(node.node ? [node.node] : []), ...callArgChildren(node)];
    case 'Test':
      return [node.node, ...callArgChildren(node)];
    case 'Getattr':
      return [node.node];
    case 'Getitem':
      return [node.node, node.arg];
    case 'Slice':
      return [node.start, node.stop, node.step].filter((x): x is Expr => x !== null);
    case 'Output':
      return node.nodes;
    case 'For':
      return [node.target, node.iter, ...node.body, ...node.else_, ...(node.test ? [node.test] : [])];
    case 'If':
      return [node.test, ...node.body, ...node.elif_, ...node.else_];
    case 'Macro':
      return [...node.args, ...node.defaults, ...node.body];
    case 'CallBlock':
      return [node.call, ...node.args, ...node.defaults, ...node.body];
    case 'FilterBlock':
      return [...node.body, node.filter];
    case 'With':
      return [...node.targets, ...node.values, ...node.body];
    case 'Block':
      return node.body;
    case 'Include':
    case 'Import':
    case 'FromImport':
    case 'Extends':
      return [node.template];
    case 'ExprStmt':
      return [node.node];
    case 'Assign':
      return [node.target, node.node];
    case 'AssignBlock':
      return [node.target, ...(node.filter ? [node.filter] : []), ...node.body];
    case 'Scope':
      return node.body;
    case 'ScopedEvalContextModifier':
      return [node.autoescape, ...node.body];
  }
}

function callArgChildren(node: CallArgs): Expr[] {
  const out: Expr[] = [...node.args, ...node.kwargs.map((k) => k.value)];
  if (node.dynArgs) out.push(node.dynArgs);
  if (node.dynKwargs) out.push(node.dynKwargs);
  return out;
}

/** Every descendant of `node` of the given type (depth first, Jinja's find_all). */
export function findAll<T extends Node['type']>(nodes: Node[], type: T): Extract<Node, { type: T }>[] {
  const out: Extract<Node, { type: T }>[] = [];
  const walk = (n: Node): void => {
    for (const c of children(n)) {
      if (c.type === type) out.push(c as Extract<Node, { type: T }>);
      walk(c);
    }
  };
  for (const n of nodes) {
    if (n.type === type) out.push(n as Extract<Node, { type: T }>);
    walk(n);
  }
  return out;
}
