#!/usr/bin/env node
// The installed bin: registers tsx from this package's own dependencies (not the current
// folder's, which `node --import tsx` would use), so dialtone-plugin works from any folder.
import { register } from 'tsx/esm/api';

register();
await import('./dialtone-plugin.ts');
