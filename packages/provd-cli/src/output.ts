/** Writing results: JSON for scripts, aligned columns for people, colour only on a terminal. */
export interface Output {
  readonly tty: boolean;
  write(text: string): void;
  error(text: string): void;
}

export function processOutput(): Output {
  // a reader that stops early (`provd-cli devices list | head`) is not an error
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  return {
    tty: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
    write: (text) => void process.stdout.write(text),
    error: (text) => void process.stderr.write(text),
  };
}

const codes = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
export function paint(out: Output, colour: keyof typeof codes, text: string): string {
  return out.tty ? `\x1b[${codes[colour]}m${text}\x1b[0m` : text;
}

export function printJson(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Rows as aligned columns under a header. */
export function printTable(out: Output, columns: string[], rows: string[][]): void {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  out.write(`${paint(out, 'bold', line(columns))}\n`);
  for (const row of rows) out.write(`${line(row)}\n`);
}
