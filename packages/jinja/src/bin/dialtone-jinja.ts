#!/usr/bin/env -S node --import tsx
// dialtone-jinja render --path DIR[,DIR…] TEMPLATE --context FILE.json
import { readFileSync } from 'node:fs';
import { runCli } from '../cli.js';

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => readFileSync(0, 'utf-8'),
});
