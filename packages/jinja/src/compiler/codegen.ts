// Template-level code generation: the module with its root and block functions, statement
// dispatch, and inheritance/inclusion (blocks, extends, include, import).
import * as N from '../nodes.js';
import { CompileExit, type CompilerEnvironment } from './codegen-expr.js';
import { StatementCompiler } from './codegen-statements.js';
import { Frame, type CompileEvalContext } from './frame.js';
import { findUndeclared } from './symbols.js';

export interface GeneratedModule {
  /** Body of `new Function('rt', 'env', code)`; returns { root, blocks }. */
  code: string;
  /** Template line for each line of `code`. */
  lineMap: number[];
}

const HELPERS = [
  'MISSING',
  'str',
  'escapeOut',
  'truthy',
  'getattr',
  'getitem',
  'slice',
  'sliceObject',
  'callMethod',
  'call',
  'callFilter',
  'callTest',
  'apply0',
  'apply1',
  'apply2',
  'lookupFilter',
  'lookupTest',
  'add',
  'sub',
  'mul',
  'truediv',
  'floordiv',
  'mod',
  'pow',
  'neg',
  'pos',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'inOp',
  'notIn',
  'concat',
  'markupConcat',
  'tuple',
  'dictLiteral',
  'kwargsOf',
  'localsOf',
  'spreadArgs',
  'spreadKwargs',
  'unpack',
  'nsSet',
  'iterate',
  'pyFloat',
  'Undefined',
  'Macro',
  'LoopContext',
  'PyIter',
  'PyRange',
  'Markup',
  'TemplateReference',
  'TemplateRuntimeError',
  'TemplateNotFound',
  'registerBlocks',
  'importedName',
];

function blockIdent(index: number): string {
  return `block_${index}`;
}

export class CodeGenerator extends StatementCompiler {
  private readonly blocks = new Map<string, N.Block>();
  private extendsSoFar = 0;

  constructor(env: CompilerEnvironment, name: string | null) {
    super(env, name);
  }

  generate(template: N.Template, autoescape: boolean): GeneratedModule {
    const evalCtx: CompileEvalContext = { autoescape, volatile: false };
    const w = this.w;
    for (const block of N.findAll(template.body, 'Block')) {
      if (this.blocks.has(block.name)) this.fail(`block '${block.name}' defined twice`, block.lineno);
      this.blocks.set(block.name, block);
    }
    const haveExtends = N.findAll(template.body, 'Extends').length > 0;

    w.line('function root(context) {', 1);
    w.indent();
    this.beginFunction();
    w.line(`let out = '';`);
    const frame = new Frame(evalCtx);
    if (findUndeclared(template.body, ['self']).has('self')) {
      const ref = frame.symbols.declareParameter('self');
      w.line(`let ${ref} = new TemplateReference(context);`);
    }
    frame.symbols.analyzeNode(template);
    frame.toplevel = frame.rootlevel = true;
    frame.requireOutputCheck = haveExtends && !this.hasKnownExtends;
    if (haveExtends) w.line('let parentTemplate = null;');
    this.enterFrame(frame, new Set([frame.symbols.findRef('self') ?? '']));
    this.blockVisit(template.body, frame);
    if (haveExtends) {
      if (!this.hasKnownExtends) w.line('if (parentTemplate !== null) out += parentTemplate.rootRender(context);');
      else w.line('out += parentTemplate.rootRender(context);');
    }
    w.line('return out;');
    this.endFunction();
    w.dedent();
    w.line('}');

    let index = 0;
    const blockNames: [string, string][] = [];
    for (const [name, block] of this.blocks) {
      const ident = blockIdent(index++);
      blockNames.push([name, ident]);
      w.line(`function ${ident}(context) {`, block.lineno);
      w.indent();
      this.beginFunction();
      w.line(`let out = '';`);
      const blockFrame = new Frame(evalCtx);
      blockFrame.blockFrame = true;
      const undeclared = findUndeclared(block.body, ['self', 'super']);
      const skip = new Set<string>();
      if (undeclared.has('self')) {
        const ref = blockFrame.symbols.declareParameter('self');
        skip.add(ref);
        w.line(`let ${ref} = new TemplateReference(context);`);
      }
      if (undeclared.has('super')) {
        const ref = blockFrame.symbols.declareParameter('super');
        skip.add(ref);
        w.line(`let ${ref} = context.superBlock(${JSON.stringify(name)}, ${ident});`);
      }
      blockFrame.symbols.analyzeNode(block);
      blockFrame.block = name;
      this.enterFrame(blockFrame, skip);
      this.blockVisit(block.body, blockFrame);
      w.line('return out;');
      this.endFunction();
      w.dedent();
      w.line('}');
    }
    const blocksObject = `{ ${blockNames.map(([n, id]) => `${JSON.stringify(n)}: ${id}`).join(', ')} }`;
    w.line(`return { root, blocks: ${blocksObject} };`);

    const header = [
      '"use strict";',
      `const { ${HELPERS.join(', ')} } = rt;`,
      'const undefName = (n) => new env.undefined(null, MISSING, n);',
      'const protoOf = Object.getPrototypeOf;',
      'const OBJECT_PROTO = Object.prototype;',
      ...this.constants,
    ];
    return {
      code: [...header, ...w.lines].join('\n'),
      lineMap: [...header.map(() => 1), ...w.lineMap],
    };
  }

  // -- helpers -------------------------------------------------------------------------------

  // -- statements ----------------------------------------------------------------------------

  protected stmt(node: N.Stmt, frame: Frame): void {
    this.w.setLine(node.lineno);
    switch (node.type) {
      case 'Output':
        return this.output(node, frame);
      case 'For':
        return this.forLoop(node, frame);
      case 'If':
        return this.ifStmt(node, frame);
      case 'Macro':
        return this.macro(node, frame);
      case 'CallBlock':
        return this.callBlock(node, frame);
      case 'FilterBlock':
        return this.filterBlock(node, frame);
      case 'With':
        return this.withStmt(node, frame);
      case 'Block':
        return this.blockCall(node, frame);
      case 'Extends':
        return this.extendsStmt(node, frame);
      case 'Include':
        return this.include(node, frame);
      case 'Import':
        return this.importStmt(node, frame);
      case 'FromImport':
        return this.fromImport(node, frame);
      case 'ExprStmt':
        this.w.line(`${this.expr(node.node, frame)};`, node.lineno);
        return;
      case 'Assign':
        return this.assign(node, frame);
      case 'AssignBlock':
        return this.assignBlock(node, frame);
      case 'Scope':
        return this.scope(node, frame);
      case 'ScopedEvalContextModifier':
        return this.evalContextModifier(node, frame);
      case 'Break':
        this.w.line('break;', node.lineno);
        return;
      case 'Continue':
        this.w.line('continue;', node.lineno);
        return;
    }
  }

  private blockCall(node: N.Block, frame: Frame): void {
    let opened = false;
    if (frame.toplevel) {
      if (this.hasKnownExtends) return;
      if (this.extendsSoFar > 0) {
        this.w.line('if (parentTemplate === null) {');
        this.w.indent();
        opened = true;
      }
    }
    const ctx = node.scoped ? `context.derived(${this.localContext(frame)})` : 'context';
    const key = JSON.stringify(node.name);
    if (node.required) {
      this.w.line(
        `if (context.blocks[${key}].length <= 1) throw new TemplateRuntimeError(${JSON.stringify(`Required block '${node.name}' not found`)});`,
        node.lineno,
      );
    }
    this.write(frame, `context.blocks[${key}][0](${ctx})`, node.lineno);
    if (opened) {
      this.w.dedent();
      this.w.line('}');
    }
  }

  private extendsStmt(node: N.Extends, frame: Frame): void {
    if (!frame.toplevel) this.fail('cannot use extend from a non top-level scope', node.lineno);
    if (this.extendsSoFar > 0) {
      if (!this.hasKnownExtends) {
        this.w.line('if (parentTemplate !== null) throw new TemplateRuntimeError("extended multiple times");', node.lineno);
      } else {
        this.w.line('throw new TemplateRuntimeError("extended multiple times");', node.lineno);
        throw new CompileExit();
      }
    }
    this.w.line(`parentTemplate = env.getTemplate(${this.expr(node.template, frame)}, ${JSON.stringify(this.name)});`, node.lineno);
    this.w.line('registerBlocks(context, parentTemplate);');
    if (frame.rootlevel) this.hasKnownExtends = true;
    this.extendsSoFar++;
  }

  private include(node: N.Include, frame: Frame): void {
    const w = this.w;
    let method = 'getOrSelectTemplate';
    if (node.template.type === 'Const' && typeof node.template.value === 'string') method = 'getTemplate';
    else if (node.template.type === 'Tuple' || node.template.type === 'List') method = 'selectTemplate';
    const tpl = w.temp(false);
    const load = `env.${method}(${this.expr(node.template, frame)}, ${JSON.stringify(this.name)})`;
    w.line('{', node.lineno);
    w.indent();
    if (node.ignoreMissing) {
      w.line(`let ${tpl} = null;`);
      w.line(`try { ${tpl} = ${load}; } catch (e) { if (!(e instanceof TemplateNotFound)) throw e; }`);
      w.line(`if (${tpl} !== null) {`);
      w.indent();
    } else w.line(`const ${tpl} = ${load};`);
    if (node.withContext) {
      this.write(frame, `${tpl}.rootRender(${tpl}.newContext(context.shareScopes(), true, ${this.localContext(frame)}))`, node.lineno);
    } else this.write(frame, `${tpl}.defaultModule().body`, node.lineno);
    if (node.ignoreMissing) {
      w.dedent();
      w.line('}');
    }
    w.dedent();
    w.line('}');
  }

  private importExpr(node: N.Import | N.FromImport, frame: Frame): string {
    const tpl = `env.getTemplate(${this.expr(node.template, frame)}, ${JSON.stringify(this.name)})`;
    return node.withContext ? `${tpl}.makeModule(context.shareScopes(), true, ${this.localContext(frame)})` : `${tpl}.defaultModule()`;
  }

  private importStmt(node: N.Import, frame: Frame): void {
    const ref = frame.symbols.ref(node.target);
    const key = JSON.stringify(node.target);
    const prefix = frame.toplevel ? `context.vars[${key}] = ` : '';
    this.w.line(`${ref} = ${prefix}${this.importExpr(node, frame)};`, node.lineno);
    if (frame.toplevel && !node.target.startsWith('_')) this.w.line(`context.exportedVars.delete(${key});`);
  }

  private fromImport(node: N.FromImport, frame: Frame): void {
    const mod = this.w.temp();
    this.w.line(`${mod} = ${this.importExpr(node, frame)};`, node.lineno);
    const position = this.position(node);
    for (const entry of node.names) {
      const [name, alias] = Array.isArray(entry) ? entry : [entry, entry];
      const ref = frame.symbols.ref(alias);
      this.w.line(`${ref} = importedName(env, ${mod}, ${JSON.stringify(name)}, ${JSON.stringify(position)});`);
      if (frame.toplevel) {
        this.w.line(`context.vars[${JSON.stringify(alias)}] = ${ref};`);
        if (!alias.startsWith('_')) this.w.line(`context.exportedVars.delete(${JSON.stringify(alias)});`);
      }
    }
  }

}
