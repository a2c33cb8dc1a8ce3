// schema/aliascoperc.schema.json, which VS Code applies to .aliascoperc.json
// (the manifest's jsonValidation) and other editors through `$schema`: it
// knows every rule and shell, and agrees with host/config.ts on what is valid.
import Ajv from 'ajv';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../host/config';
import { DIALECT_IDS, RULES } from '../../rules';

const ROOT = join(__dirname, '..', '..');
const SCHEMA_PATH = join(ROOT, 'schema', 'aliascoperc.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const dir = mkdtempSync(join(tmpdir(), 'aliascope-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What host/config.ts makes of a config: undefined when it reads it, else its error. */
function hostError(config: unknown): string | undefined {
  const file = join(dir, '.aliascoperc.json');
  writeFileSync(file, JSON.stringify(config));
  try {
    readConfig(file);
    return undefined;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.message;
  }
}

const VALID: unknown[] = [
  {},
  { $schema: './node_modules/aliascope/schema/aliascoperc.schema.json', root: true },
  // docs/ci.md's example
  {
    root: true,
    shell: 'bash',
    rules: { 'alias-definition-expansion': 'off', 'use-before-definition': 'error' },
    sourcePaths: ['SCRIPTDIR', 'lib'],
    ignorePatterns: ['vendor/', 'third_party/**'],
    overrides: [{ files: ['*.zsh'], shell: 'zsh' }],
  },
  { overrides: [{ files: ['a/*.sh'], excludedFiles: ['a/x.sh'], rules: { 'same-unit': 'info' }, sourcePaths: ['lib'] }] },
  ...DIALECT_IDS.map((shell) => ({ shell })),
  { rules: Object.fromEntries(RULES.map((r, i) => [r.meta.id, ['error', 'warning', 'info', 'off'][i % 4]])) },
];

const INVALID: unknown[] = [
  [],
  { shell: 'fish' },
  { rules: { 'same-unt': 'off' } },
  { rules: { 'same-unit': 'loud' } },
  { rules: { 'same-unit': 2 } },
  { root: 'yes' },
  { sourcePaths: 'lib' },
  { sourcePaths: [''] },
  { ignorePatterns: [3] },
  { overrides: {} },
  { overrides: [{ shell: 'zsh' }] },
  { overrides: [{ files: ['*.sh'], root: true }] },
  { overrides: [{ files: ['*.sh'], shell: 'csh' }] },
  { extends: 'x' },
];

describe('the .aliascoperc.json schema', () => {
  it('lists exactly the rules and shells aliascope knows', () => {
    expect(Object.keys(schema.definitions.rules.properties).sort()).toEqual(RULES.map((r) => r.meta.id).sort());
    expect([...schema.definitions.shell.enum].sort()).toEqual([...DIALECT_IDS].sort());
    for (const r of RULES) expect(schema.definitions.rules.properties[r.meta.id].description).toBe(r.meta.summary);
  });

  it.each(VALID.map((c) => [JSON.stringify(c), c]))('accepts %s, as host/config.ts does', (_, config) => {
    expect(hostError(config)).toBeUndefined();
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(INVALID.map((c) => [JSON.stringify(c), c]))('rejects %s, as host/config.ts does', (_, config) => {
    expect(hostError(config)).toBeDefined();
    expect(validate(config)).toBe(false);
  });

  it('is what the extension declares for .aliascoperc.json', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: '.aliascoperc.json', url: './schema/aliascoperc.schema.json' }]);
  });
});
