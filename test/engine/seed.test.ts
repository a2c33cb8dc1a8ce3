// The case aliascope exists for: `func1` uses kubectl, `main` (defined later)
// defines the alias, uses it and calls func1. Neither use gets the alias.
import { execFileSync } from 'child_process';
import { chmodSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { LineIndex, lint } from '../../rules';
import { fixAll } from '../support/fix';
import { tempDir } from '../support/temp';

const seed = readFileSync(join(__dirname, '../../examples/kubectl-seed.sh'), 'utf8');

/** Runs a script with a stand-in `kubectl` that prints its arguments. */
function runWithFakeKubectl(script: string): string {
  const dir = tempDir('aliascope-seed-');
  writeFileSync(join(dir, 'kubectl'), '#!/bin/sh\necho "kubectl $*"\n');
  chmodSync(join(dir, 'kubectl'), 0o755);
  writeFileSync(join(dir, 'seed.sh'), script);
  return execFileSync('bash', [join(dir, 'seed.sh')], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } }).toString();
}

describe('the seed script', () => {
  const { diagnostics } = lint(seed, { filename: 'kubectl-seed.sh' });
  const lines = new LineIndex(seed);
  const at = (ruleId: string) => diagnostics.filter((d) => d.ruleId === ruleId).map((d) => {
    const p = lines.position(d.start);
    return `${p.line + 1}:${p.column + 1}:${seed.slice(d.start, d.end)}`;
  });

  it('reports both kubectl uses, each under its own rule', () => {
    expect(at('function-read-before-alias')).toEqual(['5:3:kubectl']);
    expect(at('alias-in-function')).toEqual(['10:3:kubectl']);
  });

  it('really runs plain kubectl in bash, twice', () => {
    expect(runWithFakeKubectl(seed)).toBe('kubectl get pods\nkubectl get ns\n');
  });

  it('after the wrapper fix, bash runs the intended command in both places', () => {
    const fixed = fixAll(seed, { filename: 'kubectl-seed.sh' });
    expect(fixed.text).toContain('kubectl() { command kubectl --insecure-skip-tls-verify=True "$@"; }');
    expect(fixed.text).not.toMatch(/^\s*alias kubectl/m);
    expect(runWithFakeKubectl(fixed.text)).toBe(
      'kubectl --insecure-skip-tls-verify=True get pods\nkubectl --insecure-skip-tls-verify=True get ns\n');
    expect(lint(fixed.text, { filename: 'kubectl-seed.sh' }).diagnostics).toEqual([]);
    expect(fixAll(fixed.text, { filename: 'kubectl-seed.sh' }).text).toBe(fixed.text);
  });
});
