#!/usr/bin/env -S node --import tsx
// dialtone-plugin <command>: see `dialtone-plugin --help` and docs/reference/dialtone-plugin.md.
import { runCli } from '../cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
