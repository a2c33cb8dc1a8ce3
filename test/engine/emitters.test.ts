// `eval` of a program's output that is known to hold only assignments
// (rules/engine/emitters.ts): each shape is checked against the real
// program's output where it is installed, and each verdict against bash.
import { spawnSync } from 'child_process';
import { describe, expect, it } from 'vitest';
import { LineIndex, lint, parse } from '../../rules';
import type { SyntaxNode } from '../../rules';
import { isInertSkeleton } from '../../rules/engine/eval-skeleton';
import { assignedBefore, EMITTERS, printedCode } from '../../rules/engine/emitters';
import { literal } from '../../rules/words';
import { runBatch } from '../support/shells';

const installed = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;

/** The command names a text runs, literal or not. */
function commandNames(text: string): string[] {
  return parse(text).rootNode.descendantsOfType('command').map((c: SyntaxNode) => {
    const name = c.childForFieldName('name');
    return (name && literal(name)) ?? '?';
  });
}

/** The code printedCode models for `$(command)`, or null. */
function modelled(command: string): string | null {
  const sub = parse(`x=$(${command})\n`).rootNode.descendantsOfType('command_substitution')[0];
  return printedCode(sub)?.code ?? null;
}

/** What the real program prints for `command`, run by sh; `after` cleans up (an agent to stop). */
function realOutput(command: string, after?: (out: string) => void): string {
  const r = spawnSync('sh', ['-c', command], { encoding: 'utf8', timeout: 10_000 });
  expect(r.status, r.stderr).toBe(0);
  after?.(r.stdout);
  return r.stdout;
}

const stopAgent = (out: string) => {
  const pid = /SSH_AGENT_PID[= ](\d+)/.exec(out)?.[1];
  if (pid) process.kill(Number(pid));
};

const CASES: [string, string?, ((out: string) => void)?][] = [
  ['dircolors -b'],
  ['dircolors --sh'],
  ['dircolors -c'],
  ['SHELL=/bin/tcsh dircolors', 'dircolors'],
  ['apt-config shell ARCH APT::Architecture ETC Dir::Etc/d'],
  ['ssh-agent -s', undefined, stopAgent],
  ['ssh-agent -c', undefined, stopAgent],
  ['ssh-agent -s -t 60', undefined, stopAgent],
];
const missing = [...new Set(CASES.map(([c, w = c]) => w.split(' ')[0]))].filter((p) => !installed(p));
if (missing.length) console.warn(`skipping the real output of ${missing.join(', ')}: not installed (.ci/run installs them)`);

describe('programs whose output is only assignments', () => {
  for (const [command, asWritten = command, after] of CASES) {
    const program = asWritten.split(' ')[0];
    it.skipIf(missing.includes(program))(`${command} prints code of the modelled shape`, () => {
      expect(Object.keys(EMITTERS)).toContain(program);
      const model = modelled(asWritten);
      expect(model).not.toBeNull();
      const real = realOutput(command, after);
      expect(real.length).toBeGreaterThan(0);
      // the real output defines no alias and changes no option, as the model claims
      expect(isInertSkeleton({ text: real, holes: [], offset: null, programs: [] }), real).toBe(true);
      expect(isInertSkeleton({ text: model!, holes: [], offset: null, programs: [] })).toBe(true);
      // and runs no command the model leaves out (a function of that name would run)
      expect(new Set(commandNames(model!))).toEqual(new Set([...commandNames(model!), ...commandNames(real)]));
    });
  }

  it.skipIf(missing.includes('ssh-agent')).each([['-k'], ['-c -k']])('ssh-agent %s prints code of the modelled shape', (flags) => {
    const started = realOutput('ssh-agent -s');
    const pid = /SSH_AGENT_PID=(\d+)/.exec(started)![1];
    const real = realOutput(`SSH_AGENT_PID=${pid} ssh-agent ${flags}`);
    const model = modelled(`ssh-agent ${flags}`)!;
    expect(isInertSkeleton({ text: real, holes: [], offset: null, programs: [] }), real).toBe(true);
    expect(new Set(commandNames(model))).toEqual(new Set([...commandNames(model), ...commandNames(real)]));
  });

  it.each([
    ['a listing, not code', 'dircolors -p'],
    ['what a bare variable names (it may be -p)', 'dircolors $opts'],
    ['a command ssh-agent runs', 'ssh-agent bash'],
    ['an option ssh-agent runs in the foreground with', 'ssh-agent -D'],
    ['another apt-config command', 'apt-config dump'],
    ['a variable name apt-config prints as given', 'apt-config shell "$name" APT::Architecture'],
    ['a key without its variable', 'apt-config shell ARCH'],
    ['more than the program', 'dircolors -b; alias ll=ls'],
    ['errors sent to the output', 'dircolors -b ~/.dc 2>&1'],
    ['errors sent to the output before the name', '2>&1 dircolors -b'],
    ['another program by a prefix assignment', 'PATH=/opt/bin dircolors -b'],
    ['braces the shell may expand into options', 'dircolors {-p,}'],
    ['a word the shell may split into options', 'dircolors $d/x'],
    ['an option in a key position', 'apt-config shell A --help'],
    ['a socket path ssh-agent prints unquoted, unknown', 'ssh-agent -s -a "$dir/agent.sock"'],
    ['a socket path ssh-agent prints unquoted, with a blank', "ssh-agent -s -a '/tmp/a b'"],
    ['another program', 'my-tool --env'],
  ])('%s is not modelled: %s', (_, command) => {
    expect(modelled(command)).toBeNull();
  });

  /** What assignedBefore finds for the eval on the last line of `text`. */
  const before = (text: string) => {
    const evals = parse(text).rootNode.descendantsOfType('command').filter((c: SyntaxNode) => c.childForFieldName('name')?.text === 'eval');
    return assignedBefore(evals[evals.length - 1]);
  };

  it.each([
    ['the statement before', 'RES=$(apt-config shell A Some::Key)\neval $RES\n', 'RES', 'apt-config shell A Some::Key'],
    ['in double quotes, with a comment between', 'agent="$(ssh-agent -s)"\n# start it\neval "$agent" >/dev/null\n', 'agent', 'ssh-agent -s'],
    ['on the left of &&', 'c=`dircolors -b` && eval "$c"\n', 'c', 'dircolors -b'],
  ])('models a variable assigned a program\'s output by %s', (_, text, name, command) => {
    expect(before(text)).toEqual({ name, program: command.split(' ')[0], code: modelled(command) });
  });

  it.each([
    ['an append', 'RES+=$(dircolors -b)\neval $RES\n'],
    ['a value beside the output', 'RES="x $(dircolors -b)"\neval $RES\n'],
    ['another program', 'RES=$(my-tool)\neval $RES\n'],
    ['a statement between', 'RES=$(dircolors -b)\nf\neval $RES\n'],
    ['a pipeline (each side in a subshell)', 'RES=$(dircolors -b) | eval $RES\n'],
    ['a prefix of a command, which does not last', 'RES=$(dircolors -b) true\neval $RES\n'],
    ['an assignment in the background', 'RES=$(dircolors -b) &\neval "$RES"\n'],
  ])('does not model a variable after %s', (_, text) => {
    expect(before(text)).toBeNull();
  });

  it('models a path to a database, and redirections', () => {
    expect(modelled('dircolors -b "$HOME/.dircolors" 2>/dev/null')).not.toBeNull();
    expect(modelled('dircolors ~/.dircolors')).not.toBeNull();
    expect(modelled('ssh-agent -s -a /run/user/1000/ssh-agent.socket >/dev/null')).not.toBeNull();
  });
});

describe('expand_aliases after an eval of such output', () => {
  /** The reports at `line:column` in main.sh. */
  const reports = (text: string) => {
    const lines = new LineIndex(text);
    return lint(text, { filename: 'main.sh' }).diagnostics.map((d) => {
      const p = lines.position(d.start);
      return `${d.ruleId} ${p.line + 1}:${p.column + 1}`;
    });
  };

  it.each([
    ['eval "$(dircolors -b)"', 'dircolors'],
    ['eval `dircolors -b`', 'dircolors'],
    ['eval $(apt-config shell ARCH APT::Architecture) >/dev/null', 'apt-config'],
    ['RES=$(apt-config shell ARCH APT::Architecture)\neval $RES', 'apt-config'],
  ])('stays off after %s: the use is reported, and bash does not expand it', async (line, program) => {
    const text = `#!/bin/bash\n${line}\nalias qa="echo EXP:D1"\nqa U1 || echo NX:U1\n`;
    expect(reports(text)).toContain(`expand-aliases-off ${text.split('\n').length - 1}:1`);
    // the program's real output, in bash: without it the eval would print an error and change nothing
    expect(missing).not.toContain(program);
    const [seen] = await runBatch('bash', [{ files: { 'main.sh': text } }]);
    expect(seen.get('U1')).toEqual([{ outcome: 'N' }]);
  });

  it('may be on after a function of the program\'s name ran instead: nothing is reported, and bash does expand', async () => {
    const text = '#!/bin/bash\ndircolors() { echo shopt -s expand_aliases; }\neval "$(dircolors -b)"\nalias qa="echo EXP:D1"\nqa U1 || echo NX:U1\n';
    expect(reports(text)).toEqual([]);
    const [seen] = await runBatch('bash', [{ files: { 'main.sh': text } }]);
    expect(seen.get('U1')).toEqual([{ outcome: 'E', def: 'D1' }]);
  });

  it('may be on after an eval of other output: nothing is reported, and bash does expand', async () => {
    const text = '#!/bin/bash\neval "$(printf \'shopt -s expand_aliases\')"\nalias qa="echo EXP:D1"\nqa U1 || echo NX:U1\n';
    expect(reports(text)).toEqual([]);
    const [seen] = await runBatch('bash', [{ files: { 'main.sh': text } }]);
    expect(seen.get('U1')).toEqual([{ outcome: 'E', def: 'D1' }]);
  });
});
