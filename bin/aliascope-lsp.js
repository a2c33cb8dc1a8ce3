#!/usr/bin/env node
'use strict';
// The language server: `aliascope-lsp --stdio` (or --node-ipc, --socket=PORT).
require('../out/server/main.js').main(process.argv.slice(2));
