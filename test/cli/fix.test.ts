// --fix keeps what it does not mean to change: line endings, BOM, final
// newline, file mode, encoding, symbolic links; it settles in one run and
// never writes a script that parses worse.
import { chmodSync, lstatSync, readFileSync, readlinkSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { fixToFixedPoint, keepsOutside } from '../../host/fix-loop';
import type { Diagnostic } from '../../rules';
import { spawnSync } from 'child_process';
import { aliascope, BIN, project, SAME_UNIT } from './helpers';

const FIXED = 'k() { kubectl "$@"; }; k get pods\n';

function fixOne(name: string, bytes: string | Buffer, args: string[] = []): { dir: string; before: Buffer; after: Buffer; status: number | null; stderr: string } {
  const dir = project({ [name]: bytes });
  const before = readFileSync(join(dir, name));
  const r = aliascope(['--fix', ...args, name], { cwd: dir });
  return { dir, before, after: readFileSync(join(dir, name)), status: r.status, stderr: r.stderr };
}

describe('--fix', () => {
  it('rewrites an alias used in its own parse unit, and a second run changes nothing', () => {
    const { dir, after, status } = fixOne('a.sh', `#!/bin/sh\n${SAME_UNIT}`);
    expect(after.toString()).toBe(`#!/bin/sh\n${FIXED}`);
    expect(status).toBe(0);
    const again = aliascope(['--fix', 'a.sh'], { cwd: dir });
    expect(again.status).toBe(0);
    expect(readFileSync(join(dir, 'a.sh'))).toEqual(after);
  });

  it('keeps CRLF line endings', () => {
    const { after } = fixOne('crlf.sh', `#!/bin/sh\r\necho one\r\n${SAME_UNIT.replace('\n', '\r\n')}echo two\r\n`);
    expect(after.toString()).toBe(`#!/bin/sh\r\necho one\r\n${FIXED.replace('\n', '\r\n')}echo two\r\n`);
    expect(after.toString().replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('keeps a byte order mark', () => {
    const { after } = fixOne('bom.sh', `\uFEFF#!/bin/sh\n${SAME_UNIT}`);
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(after.toString()).toBe(`\uFEFF#!/bin/sh\n${FIXED}`);
  });

  it('shows a file with a byte order mark as editors do, without the mark, and fixes it in place', () => {
    const body = "echo a; alias k='kubectl'; k get pods\n";
    const dir = project({ 'bom.sh': `\uFEFF${body}`, 'plain.sh': body });
    const run = (...args: string[]) => JSON.parse(aliascope(['-f', 'json', ...args, 'bom.sh', 'plain.sh'], { cwd: dir }).stdout);
    const [bom, plain] = run();
    expect(plain.messages[0]).toMatchObject({ line: 1, column: 15, fix: { range: [8, 25] }, related: [{ line: 1, column: 28 }] });
    expect(bom.messages).toEqual(plain.messages);
    const [bomFixed, plainFixed] = run('--fix-dry-run');
    expect(plainFixed.output).toContain('k() {');
    expect(bomFixed.output).toBe(`\uFEFF${plainFixed.output}`);
  });

  it('refuses a fix that would write at the byte order mark, which the shell reads as part of the first word', () => {
    const text = "\uFEFFecho start\nalias k='kubectl'\nk get pods\n";
    const { after, status } = fixOne('bom.sh', text, ['-s', 'bash']);
    expect(after.toString()).toBe(text);
    expect(status).toBe(1);
    const [report] = JSON.parse(aliascope(['-f', 'json', '-s', 'bash', 'bom.sh'], { cwd: project({ 'bom.sh': text }) }).stdout);
    expect(report.messages.find((m: { ruleId: string }) => m.ruleId === 'expand-aliases-off').fixRefusal).toMatch(/byte order mark/);
  });

  it('keeps a missing final newline', () => {
    const { after } = fixOne('nofinal.sh', `#!/bin/sh\n${SAME_UNIT.trimEnd()}`);
    expect(after.toString()).toBe(`#!/bin/sh\n${FIXED.trimEnd()}`);
  });

  it('keeps the file mode of an executable, and leaves no temporary file behind', () => {
    const dir = project({ 'run.sh': `#!/bin/sh\n${SAME_UNIT}` });
    // set-user-ID and set-group-ID too, which a change of owner clears
    chmodSync(join(dir, 'run.sh'), 0o6751);
    aliascope(['--fix', 'run.sh'], { cwd: dir });
    expect(readFileSync(join(dir, 'run.sh'), 'utf8')).toBe(`#!/bin/sh\n${FIXED}`);
    expect(statSync(join(dir, 'run.sh')).mode & 0o7777).toBe(0o6751);
    expect(readdirSync(dir)).toEqual(['run.sh']);
  });

  it('writes through a symbolic link to its target, and keeps the link', () => {
    const dir = project({ 'real.sh': `#!/bin/sh\n${SAME_UNIT}` });
    symlinkSync('real.sh', join(dir, 'link.sh'));
    aliascope(['--fix', 'link.sh'], { cwd: dir });
    expect(lstatSync(join(dir, 'link.sh')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.sh'))).toBe('real.sh');
    expect(readFileSync(join(dir, 'real.sh'), 'utf8')).toBe(`#!/bin/sh\n${FIXED}`);
  });

  it('keeps bytes that are not UTF-8 exactly as they were', () => {
    const latin1 = Buffer.concat([Buffer.from('#!/bin/sh\n# caf'), Buffer.from([0xe9]), Buffer.from(`\n${SAME_UNIT}`)]);
    const { after } = fixOne('latin1.sh', latin1);
    expect(after).toEqual(Buffer.concat([Buffer.from('#!/bin/sh\n# caf'), Buffer.from([0xe9]), Buffer.from(`\n${FIXED}`)]));
  });

  it('--fix-dry-run writes nothing and shows the output in json', () => {
    const dir = project({ 'a.sh': `#!/bin/sh\n${SAME_UNIT}` });
    const r = aliascope(['--fix-dry-run', '-f', 'json', 'a.sh'], { cwd: dir });
    expect(readFileSync(join(dir, 'a.sh'), 'utf8')).toBe(`#!/bin/sh\n${SAME_UNIT}`);
    expect(JSON.parse(r.stdout)[0].output).toBe(`#!/bin/sh\n${FIXED}`);
  });

  it('--fix-dry-run works on standard input; --fix refuses it', () => {
    const dir = project({});
    const r = aliascope(['--fix-dry-run', '-f', 'json', '-', '--stdin-filename', 'x.sh'], { cwd: dir, input: SAME_UNIT });
    expect(JSON.parse(r.stdout)[0].output).toBe(FIXED);
    const refused = aliascope(['--fix', '-'], { cwd: dir, input: SAME_UNIT });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--fix cannot write to standard input/);
  });

  it('fixes nothing that a directive silences', () => {
    const text = `#!/bin/sh\n# aliascope disable=same-unit -- reviewed\n${SAME_UNIT}`;
    const { after, status } = fixOne('quiet.sh', text);
    expect(after.toString()).toBe(text);
    expect(status).toBe(0);
  });
});

describe('fixing stops before it breaks a promise', () => {
  const diag = (start: number, end: number, text: string): Diagnostic => ({
    ruleId: 'same-unit', severity: 'error', message: 'm', start, end, related: [], fix: { title: 't', edits: [{ start, end, text }] },
  });

  it('refuses a fix whose result parses worse, keeping the last good text', () => {
    const text = 'echo one\necho two\n';
    const out = fixToFixedPoint(text, () => [], [diag(0, 8, 'if then')]);
    expect(out.text).toBe(text);
    expect(out.refused).toMatch(/parse worse/);
  });

  it('stops after a bounded number of passes when fixes never settle', () => {
    let n = 0;
    const out = fixToFixedPoint('echo a\n', (t) => [diag(0, 0, `# ${n++}\n`)].filter(() => t.length > 0), [diag(0, 0, '# start\n')]);
    expect(out.refused).toMatch(/did not settle/);
    expect(out.passes).toBe(10);
  });

  it('the outside check catches a change beyond the edited ranges', () => {
    const before = 'aaa bbb ccc\n';
    expect(keepsOutside(before, 'aaa XX ccc\n', [{ start: 4, end: 7, text: 'XX' }])).toBe(true);
    expect(keepsOutside(before, 'aaa XX ccc\r\n', [{ start: 4, end: 7, text: 'XX' }])).toBe(false);
    expect(keepsOutside(before, 'AAA XX ccc\n', [{ start: 4, end: 7, text: 'XX' }])).toBe(false);
    expect(keepsOutside(before, 'aaa bbb ccc\n', [])).toBe(true);
  });

  it('a file whose fixes would parse worse is left as it was', () => {
    const text = `#!/bin/sh\n${SAME_UNIT}`;
    const dir = project({ 'a.sh': text });
    writeFileSync(join(dir, 'a.sh'), text);
    expect(fixToFixedPoint(text, () => [], [diag(10, 27, 'k() {')]).text).toBe(text);
  });
});

describe('--fix where the folder cannot be written', () => {
  it('says so in one line, leaves the file as it was, and exits 2', (ctx) => {
    if (process.getuid?.() === 0) {
      // Root may write anywhere; the unprivileged user needs to read this checkout to run the CLI.
      const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)})`], { uid: 65534, gid: 65534 });
      if (probe.status !== 0) {
        process.stderr.write('skipped: running as root, and the unprivileged user `nobody` cannot read this checkout to run the CLI\n');
        ctx.skip();
      }
    }
    const dir = project({ 'ro/a.sh': `#!/bin/sh\n${SAME_UNIT}` });
    chmodSync(join(dir, 'ro', 'a.sh'), 0o666);
    chmodSync(join(dir, 'ro'), 0o555);
    const opts = process.getuid?.() === 0 ? { cwd: dir, uid: 65534, gid: 65534 } : { cwd: dir };
    const r = aliascope(['--fix', 'ro/a.sh'], opts);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('aliascope: ro/a.sh: cannot write the fixed file: permission denied\n');
    expect(readFileSync(join(dir, 'ro', 'a.sh'), 'utf8')).toBe(`#!/bin/sh\n${SAME_UNIT}`);
  });
});
