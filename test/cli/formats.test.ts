// Every format against a golden file, SARIF against the 2.1.0 schema, the
// github format's escaping, and the diff format through `git apply`.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { execFileSync } from 'child_process';
import { cpSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../cli/formats/github';
import { expectGolden } from '../support/golden';
import { aliascope, project, ROOT, SAME_UNIT } from './helpers';

const FIXTURE = join(__dirname, 'fixtures', 'project');
const GOLDEN = join(__dirname, 'golden');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

function copyFixture(): string {
  const dir = project({});
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** Replaces what differs between machines and runs. */
function normalise(text: string, dir: string): string {
  return text.split(pathToFileURL(dir).href).join('file:///<root>').split(dir).join('<root>')
    .split(`"version": "${VERSION}"`).join('"version": "<version>"');
}

const golden = (name: string, actual: string): void => expectGolden(GOLDEN, name, actual);

const FORMATS: [string, string][] = [
  ['stylish', 'stylish.txt'], ['json', 'json.json'], ['sarif', 'sarif.json'], ['gcc', 'gcc.txt'],
  ['checkstyle', 'checkstyle.xml'], ['github', 'github.txt'], ['rdjson', 'rdjson.json'], ['diff', 'diff.patch'],
];

describe('formats', () => {
  const dir = copyFixture();
  const runs = new Map(FORMATS.map(([f]) => [f, aliascope(['--format', f, '.'], { cwd: dir })]));

  for (const [format, file] of FORMATS) {
    it(`${format} matches its golden file`, () => {
      const r = runs.get(format)!;
      expect(r.stderr).toBe('');
      // The diff format fixes first (a dry run) and then reports what is left, as ESLint does.
      expect(r.status).toBe(format === 'diff' ? 0 : 1);
      expect(r.stdout.length).toBeGreaterThan(0);
      golden(file, normalise(r.stdout, dir));
    });
  }

  it('stylish colours only when asked, and NO_COLOR wins over a terminal guess', () => {
    expect(runs.get('stylish')!.stdout).not.toContain('\u001b[');
    const coloured = aliascope(['--color', '.'], { cwd: dir });
    expect(coloured.stdout).toContain('\u001b[31m');
    expect(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(runs.get('stylish')!.stdout);
    expect(aliascope(['--color', '--no-color', '.'], { cwd: dir }).stdout).not.toContain('\u001b[');
    expect(aliascope(['.'], { cwd: dir, env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('json has ESLint\'s shape, 1-based positions, and a use starts at the alias word', () => {
    const results = JSON.parse(runs.get('json')!.stdout);
    expect(results.map((r: { filePath: string }) => r.filePath.slice(dir.length + 1)).sort())
      .toEqual(['clean.sh', 'emoji.sh', 'info.sh', 'never.sh', 'same-unit.sh', 'seed.sh']);
    const same = results.find((r: { filePath: string }) => r.filePath.endsWith('same-unit.sh'));
    expect(same).toMatchObject({ errorCount: 2, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 2 });
    const text = readFileSync(join(dir, 'same-unit.sh'), 'utf8');
    const line2 = text.split('\n')[1];
    const use = same.messages.find((m: { column: number }) => m.column === line2.indexOf('k get') + 1);
    expect(use).toMatchObject({ ruleId: 'same-unit', severity: 2, line: 2, endLine: 2, endColumn: line2.indexOf('k get') + 2 });
    // The fix's range and text, applied to the source, give the function form.
    const fixed = text.slice(0, use.fix.range[0]) + use.fix.text + text.slice(use.fix.range[1]);
    expect(fixed).toBe('#!/bin/sh\nk() { kubectl "$@"; }; k get pods\n');
  });

  it('UTF-16 columns in json, UTF-8 byte columns in rdjson', () => {
    const line = '😀'; // two UTF-16 units, four UTF-8 bytes, before the alias
    const json = JSON.parse(runs.get('json')!.stdout).find((r: { filePath: string }) => r.filePath.endsWith('emoji.sh'));
    const rd = JSON.parse(runs.get('rdjson')!.stdout).diagnostics.filter((d: { location: { path: string } }) => d.location.path === 'emoji.sh');
    const text = readFileSync(join(dir, 'emoji.sh'), 'utf8').split('\n')[1];
    const utf16 = text.indexOf('k get') + 1;
    const bytes = Buffer.byteLength(text.slice(0, text.indexOf('k get'))) + 1;
    expect(bytes - utf16).toBe(Buffer.byteLength(line) - line.length);
    expect(json.messages.some((m: { column: number }) => m.column === utf16)).toBe(true);
    expect(rd.some((d: { location: { range: { start: { column: number } } } }) => d.location.range.start.column === bytes)).toBe(true);
  });

  it('sarif is valid SARIF 2.1.0 with rules, help, fingerprints and %SRCROOT% URIs', () => {
    // The official schema is draft-04; Ajv 8 reads it once the draft-04 `id` becomes `$id`.
    const schema = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(runs.get('sarif')!.stdout);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The validator does reject a broken log.
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    const run = log.runs[0];
    expect(run.tool.driver.rules.length).toBeGreaterThanOrEqual(10);
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
      expect(rule.help.markdown).toContain('## Why is this bad');
    }
    expect(run.results.length).toBeGreaterThan(0);
    for (const r of run.results) {
      const loc = r.locations[0].physicalLocation.artifactLocation;
      expect(loc.uriBaseId).toBe('%SRCROOT%');
      expect(loc.uri).not.toMatch(/^(\/|file:)/);
      expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{32}:\d+$/);
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    }
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(dir).href}/`);
  });

  it('sarif fingerprints survive lines moving', () => {
    const moved = project({ 'same-unit.sh': `#!/bin/sh\n\n\n# moved down\n${readFileSync(join(FIXTURE, 'same-unit.sh'), 'utf8').split('\n')[1]}\n` });
    const fp = (out: string) => JSON.parse(out).runs[0].results.map((r: { partialFingerprints: { primaryLocationLineHash: string } }) => r.partialFingerprints.primaryLocationLineHash).sort();
    const before = fp(aliascope(['-f', 'sarif', 'same-unit.sh'], { cwd: dir }).stdout);
    const after = fp(aliascope(['-f', 'sarif', 'same-unit.sh'], { cwd: moved }).stdout);
    expect(before.length).toBe(2);
    expect(after).toEqual(before);
  });

  it('diff applies with git apply and gives what --fix writes', () => {
    const patch = runs.get('diff')!.stdout;
    const applied = copyFixture();
    writeFileSync(join(applied, 'fixes.patch'), patch);
    execFileSync('git', ['apply', '--check', 'fixes.patch'], { cwd: applied });
    execFileSync('git', ['apply', 'fixes.patch'], { cwd: applied });
    const fixed = copyFixture();
    aliascope(['--fix', '.'], { cwd: fixed });
    for (const f of ['same-unit.sh', 'seed.sh', 'emoji.sh', 'never.sh']) {
      expect(readFileSync(join(applied, f), 'utf8'), f).toBe(readFileSync(join(fixed, f), 'utf8'));
    }
    expect(readFileSync(join(applied, 'same-unit.sh'), 'utf8')).not.toBe(readFileSync(join(FIXTURE, 'same-unit.sh'), 'utf8'));
  });
});

describe('diff format on awkward files', () => {
  // names git quotes or ends with a tab, and a file that is not UTF-8 (é in Latin-1)
  const files: Record<string, Buffer> = {
    'sp ace.sh': Buffer.from(SAME_UNIT), 't\tab.sh': Buffer.from(SAME_UNIT), 'qu"ote.sh': Buffer.from(SAME_UNIT),
    'é.sh': Buffer.from(SAME_UNIT), 'latin1.sh': Buffer.from('alias k="echo \xe9"; k\n', 'latin1'),
  };

  it('applies with git apply and with patch -p1, byte for byte as --fix writes', () => {
    const fixed = project(files);
    aliascope(['--fix', '.'], { cwd: fixed });
    for (const [tool, args] of [['git', ['apply']], ['patch', ['-p1', '-s', '-i']]] as const) {
      const dir = project(files);
      expect(aliascope(['-f', 'diff', '-o', 'fixes.patch', '.'], { cwd: dir }).status).toBe(0);
      execFileSync(tool, [...args, 'fixes.patch'], { cwd: dir });
      for (const name of Object.keys(files)) {
        expect(readFileSync(join(dir, name)), `${tool}: ${name}`).toEqual(readFileSync(join(fixed, name)));
        expect(readFileSync(join(dir, name)), name).not.toEqual(files[name]);
      }
    }
  });
});

describe('checkstyle format escaping', () => {
  it('writes a tab or newline in a file name as a character reference, which an attribute keeps', () => {
    const dir = project({ 't\tab\nx.sh': SAME_UNIT });
    const out = aliascope(['-f', 'checkstyle', '.'], { cwd: dir }).stdout;
    expect(out).toContain('t&#9;ab&#10;x.sh"');
    expect(out).not.toMatch(/t\tab/);
  });
});

describe('github format escaping', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('dir,1/a:b%.sh')).toBe('dir%2C1/a%3Ab%25.sh');
  });

  it('a file name with separators cannot break the command', () => {
    const dir = project({ 'we,ird:50%.sh': 'alias k="kubectl"; k get pods\n' });
    const out = aliascope(['-f', 'github', '.'], { cwd: dir }).stdout.trim().split('\n');
    expect(out.length).toBe(2);
    for (const line of out) {
      expect(line).toMatch(/^::error file=we%2Cird%3A50%25\.sh,line=1,col=\d+,endLine=1,endColumn=\d+,title=aliascope%3A same-unit::/);
    }
  });
});

describe('file names with control characters', () => {
  const dir = project({ 'a\nb:1:1: error: forged [same-unit]\t.sh': 'alias k="kubectl"; k get pods\n' });

  it('gcc prints each problem on one line, the name escaped', () => {
    const out = aliascope(['-f', 'gcc', '.'], { cwd: dir }).stdout.trim().split('\n');
    expect(out.length).toBeGreaterThan(0);
    for (const line of out) expect(line).toMatch(/^a\\nb:1:1: error: forged \[same-unit\]\\t\.sh:1:\d+: error: .*\[same-unit\]$/);
  });

  it('stylish prints the name escaped on one line', () => {
    const out = aliascope(['-f', 'stylish', '--no-color', '.'], { cwd: dir }).stdout;
    expect(out).toContain('a\\nb:1:1: error: forged [same-unit]\\t.sh\n');
    expect(out).not.toMatch(/^b:1:1/m);
  });
});
