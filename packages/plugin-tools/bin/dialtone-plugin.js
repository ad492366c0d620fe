#!/usr/bin/env node
// Runs the TypeScript entry from any folder: tsx is resolved from this package, not from the working directory.
import { register } from 'tsx/esm/api';

register();
await import('../src/bin/dialtone-plugin.ts');
