#!/usr/bin/env node
'use strict';
require('../out/cli/boot.js').load().main(process.argv.slice(2));
