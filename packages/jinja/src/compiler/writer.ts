// Accumulates generated JavaScript line by line, remembering which template line produced
// each generated line (used to put template line numbers on runtime errors).

interface FunctionScope {
  declLine: number;
  temps: string[];
}

export class CodeWriter {
  readonly lines: string[] = [];
  /** Template line for each generated line (same index). */
  readonly lineMap: number[] = [];
  private indentLevel = 0;
  private templateLine = 1;
  private tempCounter = 0;
  private readonly scopes: FunctionScope[] = [];

  setLine(lineno: number | undefined): void {
    if (lineno !== undefined && lineno > 0) this.templateLine = lineno;
  }

  line(code: string, lineno?: number): void {
    this.setLine(lineno);
    this.lines.push('  '.repeat(this.indentLevel) + code);
    this.lineMap.push(this.templateLine);
  }

  indent(): void {
    this.indentLevel++;
  }

  dedent(): void {
    this.indentLevel--;
  }

  /** Opens a JS function body: temps used inside are declared at its top. */
  beginFunction(): void {
    this.scopes.push({ declLine: this.lines.length, temps: [] });
    this.line('');
  }

  endFunction(): void {
    const scope = this.scopes.pop()!;
    const current = this.lines[scope.declLine];
    this.lines[scope.declLine] = scope.temps.length ? `${current}let ${scope.temps.join(', ')};` : current;
  }

  /** A fresh identifier; declared in the current function when `declare` is set. */
  temp(declare = true): string {
    const name = `t_${++this.tempCounter}`;
    if (declare) this.scopes[this.scopes.length - 1].temps.push(name);
    return name;
  }

  toString(): string {
    return this.lines.join('\n');
  }
}
