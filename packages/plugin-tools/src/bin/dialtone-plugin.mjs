#!/usr/bin/env node
// The former launcher path (root `npm start`, older scripts): the launcher is bin/dialtone-plugin.js.
import '../../bin/dialtone-plugin.js';
