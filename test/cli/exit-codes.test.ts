// Exit codes as ESLint's: 0 clean, 1 problems, 2 could not do the job; and
// configuration errors that name the file, the key and what was expected.
import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { aliascope, CLEAN, project, SAME_UNIT, WARN_ONLY } from './helpers';

describe('exit codes', () => {
  const dir = project({ 'clean.sh': CLEAN, 'warn.sh': WARN_ONLY, 'bad.sh': SAME_UNIT });

  it('0 when clean, with no output', () => {
    const r = aliascope(['clean.sh'], { cwd: dir });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
  });

  it('1 on errors', () => {
    expect(aliascope(['bad.sh'], { cwd: dir }).status).toBe(1);
  });

  it('warnings alone pass, unless there are more than --max-warnings', () => {
    expect(aliascope(['warn.sh'], { cwd: dir }).status).toBe(0);
    expect(aliascope(['--max-warnings', '2', 'warn.sh'], { cwd: dir }).status).toBe(0);
    const over = aliascope(['--max-warnings', '1', 'warn.sh'], { cwd: dir });
    expect(over.status).toBe(1);
    expect(over.stderr).toMatch(/too many warnings \(2\)/);
  });

  it('--quiet reports errors only', () => {
    const r = aliascope(['--quiet', '-f', 'gcc', 'warn.sh', 'bad.sh'], { cwd: dir });
    expect(r.stdout).not.toMatch(/warning/);
    expect(r.stdout).toMatch(/error/);
    // in every format, SARIF included
    const levels = (args: string[]) => JSON.parse(aliascope(['-f', 'sarif', ...args, 'warn.sh', 'bad.sh'], { cwd: dir }).stdout)
      .runs[0].results.map((x: { level: string }) => x.level);
    expect(levels([])).toContain('warning');
    expect(new Set(levels(['--quiet']))).toEqual(new Set(['error']));
  });

  it('--rule changes severities and turns rules off', () => {
    expect(aliascope(['--rule', 'use-before-definition:error', 'warn.sh'], { cwd: dir }).status).toBe(1);
    expect(aliascope(['--rule', 'same-unit:off', 'bad.sh'], { cwd: dir }).status).toBe(0);
    expect(aliascope(['--rule', 'same-unit:warning', 'bad.sh'], { cwd: dir }).status).toBe(0);
  });

  it('--shell overrides the shebang', () => {
    const d = project({ 'z.sh': '#!/bin/sh\nalias k=kubectl\nk get pods\n' });
    expect(aliascope(['z.sh'], { cwd: d }).status).toBe(0);
    const bash = aliascope(['--shell', 'bash', '-f', 'gcc', 'z.sh'], { cwd: d });
    expect(bash.status).toBe(1);
    expect(bash.stdout).toMatch(/expand-aliases-off/);
  });

  it('2 on usage errors, saying what is wrong', () => {
    const cases: [string[], RegExp][] = [
      [['--bogus'], /unknown option --bogus/],
      [['--format', 'xml', '.'], /--format: expected one of stylish, json, sarif/],
      [['--rule', 'nope:error'], /--rule: unknown rule "nope"/],
      [['--rule', 'same-unit:loud'], /expected error, warning, info or off/],
      [['--shell', 'fish'], /--shell: expected one of bash/],
      [['--shard', '3/2'], /--shard: expected I\/N/],
      [['--max-warnings', 'x'], /expected a whole number/],
      [['--format'], /--format needs a value/],
      [['--explain', 'nope'], /unknown rule "nope"/],
      [['missing.sh'], /missing\.sh: no such file or directory/],
      [['*.nothing'], /no files match this pattern/],
    ];
    for (const [args, message] of cases) {
      const r = aliascope(args, { cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('2 when the report cannot be written', () => {
    const r = aliascope(['-o', '.', 'bad.sh'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--output-file \.: is a directory/);
  });

  it('2, and the script kept, when the report would overwrite a file it lints', () => {
    const before = readFileSync(join(dir, 'bad.sh'), 'utf8');
    for (const args of [['-o', 'bad.sh', 'bad.sh'], ['--fix', '-o', './bad.sh', '.']]) {
      const r = aliascope(args, { cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--output-file .*bad\.sh: is one of the files to lint/);
      expect(readFileSync(join(dir, 'bad.sh'), 'utf8')).toBe(before);
    }
  });

  it('-o writes the report to a file and nothing to standard output', () => {
    const r = aliascope(['-f', 'json', '-o', 'out/report.json', 'bad.sh'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'))[0].errorCount).toBe(2);
  });

  it('--help, --version and --explain exit 0', () => {
    expect(aliascope(['--help'], { cwd: dir })).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Usage: aliascope/) });
    expect(aliascope(['--version'], { cwd: dir }).stdout).toMatch(/^\d+\.\d+\.\d+\nparser: (native|wasm)\b/);
    expect(aliascope(['--explain', 'same-unit'], { cwd: dir })).toMatchObject({ status: 0, stdout: expect.stringMatching(/^# same-unit\n[\s\S]*## Why is this bad/) });
  });
});

describe('configuration errors exit 2 and say where', () => {
  const cases: [string, string, RegExp][] = [
    ['invalid JSON', '{\n  "rules": {\n    "same-unit": "error",\n  }\n}', /\.aliascoperc\.json:4:3: invalid JSON/],
    ['an unknown key', '{"rulez": {}}', /\.aliascoperc\.json: rulez: expected no such key \(known keys: .*rules/],
    ['an unknown rule', '{"rules": {"nope": "off"}}', /\.aliascoperc\.json: rules\.nope: expected no such key/],
    ['a bad severity', '{"rules": {"same-unit": 2}}', /\.aliascoperc\.json: rules\.same-unit: expected one of "error", "warning", "info", "off", got 2/],
    ['a bad shell', '{"overrides": [{"files": ["*.sh"], "shell": "fish"}]}', /overrides\[0\]\.shell: expected one of bash/],
    ['overrides without files', '{"overrides": [{"shell": "zsh"}]}', /overrides\[0\]\.files: expected an array of globs/],
    ['a bad ignore list', '{"ignorePatterns": "vendor"}', /ignorePatterns: expected an array of strings, got "vendor"/],
    ['not an object', '[]', /\(top level\): expected an object/],
  ];
  for (const [what, text, message] of cases) {
    it(what, () => {
      const dir = project({ '.aliascoperc.json': text, 'a.sh': CLEAN });
      const r = aliascope(['a.sh'], { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(join(dir, '.aliascoperc.json'));
    });
  }

  it('--config naming a missing file or a folder', () => {
    const dir = project({ 'a.sh': CLEAN });
    expect(aliascope(['--config', 'nope.json', 'a.sh'], { cwd: dir }).stderr).toMatch(/nope\.json: cannot read config: no such file/);
    const folder = aliascope(['--config', '.', 'a.sh'], { cwd: dir });
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/cannot read config: is a directory/);
  });
});
