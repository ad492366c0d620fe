// Compile-time state of a scope while generating code (Jinja's Frame).
import { Symbols } from './symbols.js';

/** Autoescape state known at compile time; `volatile` means "decided at run time". */
export interface CompileEvalContext {
  autoescape: boolean;
  volatile: boolean;
}

export class Frame {
  symbols: Symbols;
  requireOutputCheck = false;
  /** JS variable collecting output in this frame. */
  buffer: string;
  block: string | null = null;
  toplevel = false;
  rootlevel = false;
  loopFrame = false;
  blockFrame = false;
  softFrame = false;

  constructor(
    readonly evalCtx: CompileEvalContext,
    readonly parent: Frame | null = null,
    level?: number,
    buffer = 'out',
  ) {
    if (parent) {
      this.symbols = new Symbols(parent.symbols, level);
      this.requireOutputCheck = parent.requireOutputCheck;
      this.buffer = parent.buffer;
      this.block = parent.block;
    } else {
      this.symbols = new Symbols(null, level);
      this.buffer = buffer;
    }
  }

  copy(): Frame {
    const f = Object.create(Frame.prototype) as Frame;
    Object.assign(f, this);
    f.symbols = this.symbols.copy();
    return f;
  }

  inner(isolated = false): Frame {
    if (isolated) return new Frame(this.evalCtx, null, this.symbols.level + 1, this.buffer);
    return new Frame(this.evalCtx, this);
  }

  /** A frame for if-branches and conditional expressions: shares the scope, not the root status. */
  soft(): Frame {
    const f = this.copy();
    f.rootlevel = false;
    f.softFrame = true;
    return f;
  }
}
