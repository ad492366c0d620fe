#!/usr/bin/env -S node --import tsx
// dialtone-build-ui [folder]: builds provd's web page into a folder (default: the package's dist/).
import { builtUiDir, writeUi } from '../index.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write('Usage: dialtone-build-ui [folder]\nBuilds provd\'s web administration page (index.html, app.js, app.css).\nDefault folder: ' + builtUiDir + '\n');
} else if (args.includes('--version') || args.includes('-V')) {
  process.stdout.write('0.1.0\n');
} else {
  await writeUi(args[0] ?? builtUiDir);
}
