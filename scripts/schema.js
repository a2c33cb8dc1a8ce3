#!/usr/bin/env node
// Writes schema/aliascoperc.schema.json from the rules and dialects in out/
// (run after `tsc -p .`; `npm run docs` does), and the extension's
// `aliascope.rules` setting in package.json from the same rules.
// test/host/config-schema.test.ts checks the file against the rules and
// host/config.ts; test/editors/package.test.ts checks the setting.
'use strict';
const { readFileSync, writeFileSync } = require('fs');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const { RULES, DIALECT_IDS } = require(join(ROOT, 'out', 'rules'));
const ruleProps = Object.fromEntries(RULES.map((r) => [r.meta.id, { $ref: '#/definitions/severity', description: r.meta.summary }]));
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://raw.githubusercontent.com/aliascope/aliascope/main/schema/aliascoperc.schema.json',
  title: 'aliascope configuration (.aliascoperc.json)',
  description: 'Configuration of aliascope, the linter for shell alias-scoping bugs. Nearer files win; "root": true stops the search upwards.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'The JSON Schema of this file, for editors.' },
    root: { type: 'boolean', description: 'Stop looking for .aliascoperc.json files in the folders above this one.' },
    shell: { $ref: '#/definitions/shell' },
    rules: { $ref: '#/definitions/rules' },
    sourcePaths: { $ref: '#/definitions/sourcePaths' },
    ignorePatterns: { $ref: '#/definitions/globs', description: 'Files not linted, as .gitignore patterns, relative to this file\'s folder.' },
    overrides: {
      type: 'array',
      description: 'Settings for the files that match: later entries win over earlier ones and the top level.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['files'],
        properties: {
          files: { $ref: '#/definitions/globs', description: 'Globs of the files this entry applies to; a glob without a slash matches a file name at any depth.' },
          excludedFiles: { $ref: '#/definitions/globs', description: 'Globs of files left out, among those `files` matches.' },
          shell: { $ref: '#/definitions/shell' },
          rules: { $ref: '#/definitions/rules' },
          sourcePaths: { $ref: '#/definitions/sourcePaths' },
        },
      },
    },
  },
  definitions: {
    shell: { enum: DIALECT_IDS, description: 'The shell whose rules apply when a file\'s directive, shebang and extension say nothing.' },
    severity: { enum: ['error', 'warning', 'info', 'off'] },
    rules: {
      type: 'object',
      description: 'Severity per rule, or "off". Each rule is described at https://github.com/aliascope/aliascope/tree/main/docs/rules.',
      additionalProperties: false,
      properties: ruleProps,
    },
    globs: { type: 'array', items: { type: 'string', minLength: 1 } },
    sourcePaths: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Folders searched for `source` targets, relative to this file; SCRIPTDIR is the script\'s own folder.' },
  },
};
writeFileSync(join(ROOT, 'schema', 'aliascoperc.schema.json'), `${JSON.stringify(schema, null, 2)}\n`);

// The extension's setting: one severity per rule, in the rules' order.
const pkgPath = join(ROOT, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
const SEVERITY = { type: 'string', enum: ['error', 'warning', 'info', 'off'] };
pkg.contributes.configuration.properties['aliascope.rules'].properties = Object.fromEntries(RULES.map((r) => [r.meta.id, SEVERITY]));
writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
