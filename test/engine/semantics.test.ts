// Every demo runs in every available real shell; every use the engine is
// certain about must match what the shell did.
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { applyFixes, DIALECTS, DIALECT_IDS, DialectId, lint, Tri } from '../../rules';
import { timeIsProgram } from '../../rules/dialects';
import { DEMOS } from '../support/demos';
import { claims } from '../support/engine-view';
import { hasShell, runBatch, SHELL_COMMANDS } from '../support/shells';

// `set -o posix` aborts the non-bash shells, which makes the demo meaningless there; so does
// `shopt -s extglob`.
const BASH_ONLY = new Set(['set_posix', 'set_positional', 'shopt_same_line', 'shopt_in_function', 'recovered_extglob_pattern', 'posixly_correct', 'shopt_o_posix', 'posix_local_dash', 'posix_mode_midway', 'posix_already_on', 'posix_source_search', 'posix_local_restore', 'crlf_shopt']);
const ZSH_ONLY = new Set(['zsh_set_o_aliases', 'zsh_local_options', 'zsh_emulate', 'zsh_unfunction', 'zsh_alias_switch']);

/** What a script prints when the dialect's shell runs it as a file, in a folder of its own. */
function runScript(dialect: DialectId, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aliascope-row-'));
  try {
    writeFileSync(join(dir, 'main.sh'), text);
    const [cmd, ...args] = SHELL_COMMANDS[dialect];
    return spawnSync(cmd, [...args, 'main.sh'], { cwd: dir, encoding: 'utf8' }).stdout;
  } finally {
    rmSync(dir, { recursive: true });
  }
}

describe.each(DIALECT_IDS)('demos in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  if (!available) console.warn(`skipping ${dialect} demos: its shell is not installed`);
  it.skipIf(!available)('match the real shell', async () => {
    const demos = DEMOS.filter((x) => (!BASH_ONLY.has(x.name) || dialect.startsWith('bash')) && (!ZSH_ONLY.has(x.name) || dialect === 'zsh'));
    const seen = await runBatch(dialect, demos.map((x) => ({ files: x.files })));
    const mismatches: string[] = [];
    const unclaimed: string[] = [];
    let certain = 0;
    let observed = 0;
    demos.forEach((demo, i) => {
      const claim = claims(demo.files, dialect);
      for (const [label, obs] of seen[i]) {
        observed++;
        const c = claim.get(label)?.claim ?? '?';
        // a recovered construct must leave its uses decidable
        if (c === '?' && demo.certain?.includes(label)) unclaimed.push(`${demo.name} ${label}`);
        if (c === '?') continue;
        certain++;
        if (obs.some((o) => o.outcome !== c)) mismatches.push(`${demo.name} ${label}: engine ${c}, shell ${obs.map((o) => o.outcome).join('')}`);
      }
    });
    console.log(`${dialect}: ${certain}/${observed} observed uses claimed with certainty, ${mismatches.length} wrong`);
    expect(mismatches).toEqual([]);
    expect(unclaimed).toEqual([]);
    expect(certain / observed).toBeGreaterThan(0.6);
  });
});

// The row comsubHeredocInCompoundFails: in bash the substitution's uses never run, so no
// observation can contradict a claim there; the engine must make none.
describe('a $( ) whose here-document sits in a compound command', () => {
  const demo = DEMOS.find((x) => x.name === 'comsub_heredoc_in_compound')!;
  for (const dialect of ['bash', 'sh'] as DialectId[]) {
    const available = hasShell(dialect);
    it.skipIf(!available)(`${dialect}: runs its uses only where the engine claims them`, async () => {
      const [seen] = await runBatch(dialect, [{ files: demo.files }]);
      const claimed = claims(demo.files, dialect).get('U1')?.claim ?? '?';
      expect(seen.has('U1')).toBe(dialect !== 'bash');
      expect(claimed === '?').toBe(dialect === 'bash');
    });
  }
});

// The row functionNameExpands: where the name in `name()` is alias-expanded, an
// alias of that name breaks the definition; mksh defines the function, and so does ksh93
// unless a blank separates the name from `(`.
describe.each(DIALECT_IDS)('a function defined under the name of an alias in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('is defined exactly where the engine reports no clash', () => {
    for (const blank of ['', ' ']) {
      const text = `shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\nqa${blank}() { echo FN "$@"; }\nunalias qa\nqa U1\n`;
      const out = runScript(dialect, text);
      const result = lint(text, { dialect, filename: 'main.sh' });
      const clash = result.diagnostics.some((d) => d.ruleId === 'alias-function-clash');
      const expands = DIALECTS[dialect].functionNameExpands;
      const breaks = expands === 'always' || (expands === 'after-blank' && blank !== '');
      expect(out.includes('FN U1'), JSON.stringify(blank)).toBe(!breaks);
      expect(clash, JSON.stringify(blank)).toBe(breaks);
      // the clash is still recorded: where the alias stays in effect it shadows the function at each use, which fixes check
      expect(result.analysis.clashes.length).toBe(1);
    }
  });
});

// The row time: where `time` is a keyword, the command after it is read and run as the
// shell's own, and the engine claims its uses; elsewhere it is a program's argument. Past `-p`
// only in bash: bash --posix and ksh93 run the program; zsh runs `-p` as the command, and mksh takes it for an option but reads the next word as no alias.
describe.each(DIALECT_IDS)('a command after `time` in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('is claimed exactly where `time` is a keyword, and as the shell runs it', async () => {
    const demo = DEMOS.find((x) => x.name === 'time_keyword')!;
    const [seen] = await runBatch(dialect, [{ files: demo.files }]);
    const claimed = claims(demo.files, dialect);
    const time = DIALECTS[dialect].time;
    for (const label of ['U1', 'U2', 'U3']) {
      const c = claimed.get(label)?.claim ?? '?';
      expect(c !== '?', label).toBe(label === 'U3' ? time === 'keyword-p' : time !== 'program');
      if (c !== '?') expect(seen.get(label)?.map((o) => o.outcome)).toEqual([c]);
    }
  });
});

// Shells split words only at spaces and tabs: a carriage return (a line that ends CRLF), form
// feed, vertical tab or no-break space joins an alias name to what follows it, and the
// engine records no use there but reports each.
describe.each(DIALECT_IDS)('an alias name joined by a character that looks like a blank in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('runs no alias, and is reported as what the shell reads', () => {
    const joined = ['qa\r\n', 'qa\f U1 || echo NX:U1\n', 'qa\u00a0U2 || echo NX:U2\n', 'qa\v U3 || echo NX:U3\n'];
    const text = `shopt -s expand_aliases 2>/dev/null #\r\nalias qa='echo EXP' #\r\n${joined.join('')}qa U4 #\r\n`;
    expect(runScript(dialect, text).split('\n').filter(Boolean)).toEqual(['NX:U1', 'NX:U2', 'NX:U3', 'EXP U4']);
    const result = lint(text, { dialect, filename: 'main.sh' });
    expect(result.analysis.uses.map((u) => u.start)).toEqual([text.indexOf('qa U4')]);
    const at = joined.map((line) => text.indexOf(line));
    expect(result.diagnostics.map((d) => [d.ruleId, d.start, d.end])).toEqual(at.map((a) => ['irregular-whitespace', a, a + 2]));
  });
});

// Programs that run a command by name (env, nohup, xargs, find -exec, sh -c, exec; `time` where
// it is a program) never run an alias: the rule reports exactly the words whose alias body did
// not run, and leaves those the shell expanded (mksh's own `nohup` alias ends in a blank).
// The row probedBuiltins: `command -v NAME` succeeds in the shell exactly for the names listed,
// so a probe of one never fails there and the fallback alias it guards is never defined.
describe.each(DIALECT_IDS)('the builtins scripts probe for in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('are found by `command -v` exactly where the row lists them', () => {
    const every = [...new Set(DIALECT_IDS.flatMap((d) => DIALECTS[d].probedBuiltins))].sort();
    const found = runScript(dialect, `for n in ${every.join(' ')}; do command -v "$n" >/dev/null 2>&1 && echo "$n"; done\n`).split('\n').filter(Boolean);
    expect(found.sort()).toEqual([...DIALECTS[dialect].probedBuiltins].sort());
  });
});

// The row time again, before an option: `time -p` is the program `time` where the row says
// (it cannot run a function, and runs `echo`), and alias-passed-to-program reports an alias
// given to it there and nowhere else; the alias body never runs where it reports.
/** A `time` program on PATH, which the row's probe runs where `time` is no keyword (GNU time, in CI). */
const TIME_PROGRAM = spawnSync('sh', ['-c', 'command -v time']).status === 0;
if (!TIME_PROGRAM) console.warn('skipping `time` before an option: no time program on PATH (Debian package time)');

describe.each(DIALECT_IDS)('`time` before an option in %s', (dialect: DialectId) => {
  const available = hasShell(dialect) && TIME_PROGRAM;
  it.skipIf(!available)('is the program exactly where the row says, and an alias given to it is reported there', () => {
    const probe = runScript(dialect, 'f() { echo F; }\ntime -p echo E 2>/dev/null\ntime -p f 2>/dev/null\n').split('\n');
    const program = probe.includes('E') && !probe.includes('F');
    expect(timeIsProgram(DIALECTS[dialect].time, '-p')).toBe(program);
    const text = "shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\ntime -p qa U1 2>/dev/null || echo NX:U1\n";
    const reported = lint(text, { dialect, filename: 'main.sh' }).diagnostics.filter((d) => d.ruleId === 'alias-passed-to-program');
    expect(reported.length).toBe(program ? 1 : 0);
    if (program) expect(runScript(dialect, text)).not.toContain('EXP U1');
  });
});

// A value that opens a case statement and ends in a blank: whether the pattern after it is read
// as an alias differs (ksh93 never; the others on the same line; zsh and mksh on the next line
// too). The pattern's label cannot follow it as the demos' do, so each claim is checked here.
describe.each(DIALECT_IDS)('a case pattern after an alias that opens the case in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('is claimed only as the shell reads it', () => {
    const text = "shopt -s expand_aliases 2>/dev/null\nalias a='case x in ' b=x\na b) echo EXP U1;; *) echo NX:U1;; esac\na\nb) echo EXP U2;; *) echo NX:U2;; esac\n";
    const out = runScript(dialect, text);
    const { analysis } = lint(text, { dialect, filename: 'main.sh' });
    const patterns = analysis.uses.filter((u) => u.name === 'b');
    expect(patterns.length).toBeGreaterThan(0);
    for (const u of patterns) {
      const label = /U\d+/.exec(text.slice(u.start, text.indexOf('\n', u.start)))![0];
      const outcomes = u.resolutions.map((r) => r.outcome);
      const claim = u.uncertain ? null : outcomes.every((o) => o === Tri.Yes) ? true : outcomes.every((o) => o === Tri.No) ? false : null;
      if (claim !== null) expect(out.includes(`EXP ${label}`), label).toBe(claim);
    }
  });
});

describe.each(DIALECT_IDS)('an alias name given to a program that runs commands in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('is reported exactly where the alias body does not run', () => {
    const runs = ['env qa U1', 'env X=1 qa U2', 'nohup qa U3', 'nice -n 1 qa U4', 'timeout 5 qa U5', 'echo x | xargs qa U6',
      'find . -maxdepth 0 -exec qa U7 \\;', "sh -c 'qa U8'", '(exec qa U9)', 'time qa U10', "nohup 'qa' U11", 'env "qa" U12'];
    const text = `shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\n${runs.map((r) => `${r} 2>/dev/null\n`).join('')}`;
    const out = runScript(dialect, text);
    const labels = runs.map((_, i) => `U${i + 1}`);
    // `xargs` adds its input after the words: `EXP U6 x`
    const ran = (output: string, l: string) => output.split('\n').some((line) => line === `EXP ${l}` || line.startsWith(`EXP ${l} `));
    const notRun = labels.filter((l) => !ran(out, l));
    const result = lint(text, { dialect, filename: 'main.sh' });
    const reported = result.diagnostics.filter((d) => d.ruleId === 'alias-passed-to-program')
      .map((d) => /^(['"]?)qa\1 (U\d+)/.exec(text.slice(d.start))?.[2]);
    expect(reported).toEqual(notRun);
    expect(notRun.length).toBeGreaterThan(7);
    // each suggestion, written out, runs the alias body there
    const fixed = applyFixes(text, result.diagnostics.flatMap((d) => d.suggestions?.slice(0, 1) ?? [])).text;
    const after = runScript(dialect, fixed);
    expect(notRun.filter((l) => !ran(after, l))).toEqual([]);
  });
});

// The row scriptReturnGoesOn: a `return` outside functions in a script run on its own.
describe.each(DIALECT_IDS)('a top-level `return` in a script run on its own in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('ends the script exactly where the engine stops reading', async () => {
    const files = { 'main.sh': "shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\nreturn 2>/dev/null\nqa U1 || echo NX:U1\n" };
    const [seen] = await runBatch(dialect, [{ files }]);
    const c = claims(files, dialect).get('U1')?.claim ?? '?';
    const goesOn = DIALECTS[dialect].scriptReturnGoesOn;
    expect(seen.has('U1')).toBe(goesOn);
    expect(c !== '?').toBe(goesOn);
    if (goesOn) expect(seen.get('U1')?.map((o) => o.outcome)).toEqual([c]);
  });
});

// The row aliasArrays: a write to one of these arrays defines an alias that no `alias` command
// shows; the engine takes it as code it cannot follow, and claims nothing about the uses after it.
describe.each(DIALECT_IDS)('a write to an alias array in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  const every = [...new Set(DIALECT_IDS.flatMap((d) => DIALECTS[d].aliasArrays))];
  it.skipIf(!available)('defines an alias exactly where the row lists the array', () => {
    for (const array of every) {
      const text = `shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\n${array}[qa]='echo ARR' 2>/dev/null\nqa U1 || echo NX:U1\n`;
      const out = runScript(dialect, text);
      const listed = DIALECTS[dialect].aliasArrays.includes(array);
      expect(out.includes('ARR U1'), array).toBe(listed);
      expect(claims({ 'main.sh': text }, dialect).get('U1')?.claim ?? '?', array).toBe(listed ? '?' : 'E');
    }
  });
});

// The row blankAliases: the shell's own aliases whose value ends in a blank, so that the word
// after one is read as an alias too. Checked against each shell's own list.
describe.each(DIALECT_IDS)('the aliases %s defines at start', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('end in a blank exactly where the row lists them', () => {
    const listed = runScript(dialect, 'alias\n');
    const blank = [...listed.matchAll(/^(?:alias )?([\w-]+)=(['"]?)(.*?)\2$/gm)].filter((m) => /[ \t]$/.test(m[3])).map((m) => m[1]);
    expect(blank.sort()).toEqual([...DIALECTS[dialect].blankAliases].sort());
    for (const word of blank) {
      const text = `alias qa='echo EXP'\n${word} qa U1 2>/dev/null || echo NX:U1\n`;
      const out = runScript(dialect, text);
      expect(out, word).toContain('EXP U1');
      expect(claims({ 'main.sh': text }, dialect).get('U1')?.claim, word).toBe('E');
    }
  });
});

// The row functionPrinters: an eval of a command that prints function definitions reads them
// anew, with the aliases in effect then; the engine then claims nothing about such a use.
describe.each(DIALECT_IDS)('an eval of printed functions in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  const every = [...new Set(DIALECT_IDS.flatMap((d) => DIALECTS[d].functionPrinters))];
  it.skipIf(!available)('reads them again exactly where the row lists the printer', () => {
    for (const printer of every) {
      const text = `shopt -s expand_aliases 2>/dev/null\nf() { qa U1 || echo NX:U1; }\nalias qa='echo EXP'\neval "$(${printer} f)" 2>/dev/null\nf\n`;
      const out = runScript(dialect, text);
      const listed = DIALECTS[dialect].functionPrinters.includes(printer);
      expect(out.includes('EXP U1'), printer).toBe(listed);
      expect(claims({ 'main.sh': text }, dialect).get('U1')?.claim, printer).toBe(listed ? '?' : 'N');
    }
  });
});

// The row functionNames: a wrapper function can stand in for an alias only where the shell
// defines a function of that name and runs it when the name is called.
describe.each(DIALECT_IDS)('function names in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  const names = ['ok_name', 'git-st', 'my.cmd', 'a:b', '9x', '%x', '@x', 'a/b', 'a?b', '[x', 'a[b', 'a~b', 'a#b', 'a^b', 'a]b'];
  it.skipIf(!available)('are defined and called exactly where the row says', () => {
    for (const name of names) {
      const out = runScript(dialect, `${name}() { echo FN-RAN; }\n${name}\n`);
      expect(out.includes('FN-RAN'), name).toBe(DIALECTS[dialect].functionNames.test(name));
    }
  });
});

// The row commandSkips: the wrapper function that stands in for an alias of a builtin's own name
// reaches the builtin, through `command` or, where that runs only external commands, `builtin`.
describe.each(DIALECT_IDS)('a wrapper for an alias of a builtin in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('runs the builtin, as the alias did', () => {
    for (const [name, value, expected] of [['cd', 'cd /tmp', '/tmp'], ['read', 'read -r', 'a\\b']]) {
      const text = `go() { ${name === 'cd' ? 'cd; pwd' : "printf '%s\\n' 'a\\b' | { read line; printf '%s\\n' \"$line\"; }"}; }\nalias ${name}='${value}'\ngo\n`;
      const fixes = lint(text, { dialect, filename: 'main.sh' }).diagnostics.flatMap((d) => (d.fix ? [d.fix] : []));
      expect(fixes.length, name).toBe(1);
      expect(runScript(dialect, applyFixes(text, fixes).text).trim(), name).toBe(expected);
    }
  });
  if (dialect === 'zsh') {
    it.skipIf(!available)('names only builtins the shell has', () => {
      const listed = new Set(spawnSync('zsh', ['-fc', 'print -l ${(k)builtins}'], { encoding: 'utf8' }).stdout.split('\n'));
      expect([...DIALECTS.zsh.commandSkips].filter((b) => !listed.has(b))).toEqual([]);
    });
  }
});

// The row heredocComsub 'never': bash --posix expands no alias in a here-document's `$( )`;
// the rule reports exactly there, and its fix makes the use run the alias body.
describe.each(DIALECT_IDS)('an alias in a here-document\'s $( ) in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('is reported exactly where the shell does not expand it, and the fix makes it run', () => {
    const text = "shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\ncat <<E\nH:$(qa U1 || echo NX:U1)\nE\n";
    const out = runScript(dialect, text);
    const found = lint(text, { dialect, filename: 'main.sh' }).diagnostics.filter((d) => d.ruleId === 'alias-in-heredoc-substitution');
    expect(found.length).toBe(out.includes('NX:U1') ? 1 : 0);
    expect(found.length).toBe(DIALECTS[dialect].heredocComsub === 'never' ? 1 : 0);
    if (found[0]?.fix) expect(runScript(dialect, applyFixes(text, [found[0].fix]).text)).toContain('EXP U1');
    else expect(found).toEqual([]);
  });
});

// The row trapRead: zsh reads a trap's handler as the `trap` command runs, with the aliases in
// effect then; the others read it when the trap fires, which the engine does not claim.
describe.each(DIALECT_IDS)('a trap handler in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('is read exactly when the row says', () => {
    const before = "shopt -s expand_aliases 2>/dev/null\ntrap 'qa U1 || echo NX:U1' EXIT\nalias qa='echo EXP'\n";
    const after = "shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\ntrap 'qa U2 || echo NX:U2' EXIT\nunalias qa\n";
    const setTime = DIALECTS[dialect].trapRead === 'set';
    expect(runScript(dialect, before).includes('NX:U1')).toBe(setTime);
    expect(runScript(dialect, after).includes('EXP U2')).toBe(setTime);
    expect(claims({ 'main.sh': before }, dialect).get('U1')?.claim ?? '?').toBe(setTime ? 'N' : '?');
    expect(claims({ 'main.sh': after }, dialect).get('U2')?.claim ?? '?').toBe(setTime ? 'E' : '?');
  });
});

// The row functionArgZero: where `$0` in a function names the function, the script's folder idioms
// there do not name the script's folder, and a `cd` or `source` through them is not followed.
describe.each(DIALECT_IDS)('$0 in a function in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('names the function exactly where the row says', () => {
    const row = DIALECTS[dialect].functionArgZero;
    expect(runScript(dialect, 'f() { echo "F:$0"; }\nf\n').includes('F:f')).toBe(row === 'always');
    expect(runScript(dialect, 'function g { echo "G:$0"; }\ng\n').includes('G:g')).toBe(row !== 'never');
    const text = "alias k=x\nf() { cd \"$(dirname \"$0\")\"; }\nf\n. ./lib.sh\nk\n";
    const { analysis } = lint(text, { dialect, filename: 'main.sh', resolveSource: (p) => (p === './lib.sh' || p === '$SCRIPT_DIR/lib.sh' ? { text: "alias k='echo hi'\n", name: 'lib.sh' } : undefined) });
    expect(analysis.unknowns.some((u) => u.what === 'source')).toBe(row === 'always');
  });
});

// The row sourceSearch: where `.` and `source` look for a name without a slash. Only the working
// directory can be known; a PATH lookup, with no source paths configured, is unknown code, and
// where `source` is no builtin it changes nothing.
describe.each(DIALECT_IDS)('`.` and `source` of a name without a slash in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('look in the working directory exactly where the row says', () => {
    for (const word of ['.', 'source'] as const) {
      const row = DIALECTS[dialect].sourceSearch[word];
      const out = runScript(dialect, `command -v ${word} >/dev/null; echo "V:$?"\necho 'echo FOUND' >lib.sh\n${word} lib.sh 2>/dev/null\n`);
      expect(out.includes('V:0'), word).toBe(row !== 'none');
      expect(out.includes('FOUND'), word).toBe(row === 'cwd');
      const files = { 'main.sh': `shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\n${word} lib.sh\nqa U1 || echo NX:U1\n`, 'lib.sh': 'unalias qa\n' };
      expect(claims(files, dialect).get('U1')?.claim ?? '?', word).toBe({ cwd: 'N', path: '?', none: 'E' }[row]);
    }
  });
});

// The row keywordAliases: an alias named `time` replaces the keyword exactly where the row says
// (and the program where `time` is one).
describe.each(DIALECT_IDS)('an alias named `time` in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('replaces the keyword exactly where the row says', () => {
    const text = "shopt -s expand_aliases 2>/dev/null\nalias time='echo EXP'\ntime U1 2>/dev/null || echo NX:U1\n";
    const replaced = DIALECTS[dialect].keywordAliases || DIALECTS[dialect].time === 'program';
    expect(runScript(dialect, text)).toContain(replaced ? 'EXP U1' : 'NX:U1');
    expect(claims({ 'main.sh': text }, dialect).get('U1')?.claim ?? '?').toBe(replaced ? 'E' : '?');
  });
});

// The row functionKeyword: `function name { … }` defines a function exactly where the row says.
describe.each(DIALECT_IDS)('`function name` in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('defines a function exactly where the row says', () => {
    expect(runScript(dialect, 'function f {\n  :\n}\nf 2>/dev/null && echo FN\n').includes('FN')).toBe(DIALECTS[dialect].functionKeyword);
    const parens = DIALECTS[dialect].functionKeyword && DIALECTS[dialect].functionKeywordParens;
    expect(runScript(dialect, 'function f() {\n  :\n}\nf 2>/dev/null && echo FN\n').includes('FN')).toBe(parens);
  });
  // ksh93 stops as it reads a unit with `function name()`
  it.skipIf(!available)('with parentheses stops the shell exactly where the row says, and the engine claims nothing after', () => {
    for (const form of ['function f() { :; }', 'if false; then function f() { :; }; fi']) {
      const text = `shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\n${form}\nqa U1 || echo NX:U1\n`;
      const goesOn = DIALECTS[dialect].functionKeyword && DIALECTS[dialect].functionKeywordParens;
      expect(runScript(dialect, text).includes('EXP U1'), form).toBe(goesOn);
      expect(claims({ 'main.sh': text }, dialect).get('U1')?.claim ?? '?', form).toBe(goesOn ? 'E' : '?');
    }
  });
  // without the keyword, the `}` that closes `function name {` is a syntax error: the shell stops there
  it.skipIf(!available)('stops the shell exactly where the row says, and the engine claims nothing after', () => {
    for (const form of ['function f {\n  :\n}', 'function f { :; }', 'if false; then function f { :; }; fi']) {
      const text = `shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\n${form}\nqa U1 || echo NX:U1\n`;
      const goesOn = DIALECTS[dialect].functionKeyword;
      expect(runScript(dialect, text).includes('EXP U1'), form).toBe(goesOn);
      expect(claims({ 'main.sh': text }, dialect).get('U1')?.claim ?? '?', form).toBe(goesOn ? 'E' : '?');
    }
  });
});

// The row hereStrings: where `<<<` is a syntax error, the shell stops as it reads the unit.
describe.each(DIALECT_IDS)('a here-string in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('stops the shell exactly where the row says, and the engine claims nothing after', () => {
    const text = `shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\nif false; then cat <<< x; fi\nqa U1 || echo NX:U1\n`;
    const goesOn = DIALECTS[dialect].hereStrings;
    expect(runScript(dialect, text).includes('EXP U1')).toBe(goesOn);
    expect(claims({ 'main.sh': text }, dialect).get('U1')?.claim ?? '?').toBe(goesOn ? 'E' : '?');
  });
});

// The row arithmeticComsub: mksh reads a `$( )` in `$(( ))` when it runs; the others as any `$( )`.
describe.each(DIALECT_IDS)('a $( ) in arithmetic in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('is claimed only where the row lets it be, and as the shell does', () => {
    const text = `shopt -s expand_aliases 2>/dev/null\nqa() { echo 1; }\nf() { echo "R:$(( $(qa) ))"; }\nalias qa='echo 2'\nf\n`;
    const out = runScript(dialect, text);
    const seen = out.includes('R:2') ? 'E' : out.includes('R:1') ? 'N' : '?';
    const { analysis } = lint(text, { dialect, filename: 'main.sh' });
    const use = analysis.uses.find((u) => u.name === 'qa');
    const rs = use && !use.uncertain ? use.resolutions : [];
    const claimed = rs.length && rs.every((r) => r.outcome === 1) ? 'E' : rs.length && rs.every((r) => r.outcome === 0) ? 'N' : '?';
    if (DIALECTS[dialect].arithmeticComsub === 'unknown') expect(claimed).toBe('?');
    else if (seen !== '?') expect(claimed).toBe(seen);
    expect(seen).not.toBe('?');
  });
});

// The rows aliasFlags and aliasBlanks: an option of `alias` defines, and a tab ending a value
// chains the next word, exactly where the rows say.
describe.each(DIALECT_IDS)('alias options and a value ending in a tab in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('define and chain exactly where the rows say', () => {
    const row = DIALECTS[dialect];
    for (const flag of ['g', 'r']) {
      const text = `shopt -s expand_aliases 2>/dev/null\nalias -${flag} qa='echo EXP' 2>/dev/null\nqa U1 || echo NX:U1\n`;
      const claimed = claims({ 'main.sh': text }, dialect).get('U1')?.claim ?? '?';
      if (row.aliasFlags.includes(flag)) expect(runScript(dialect, text), flag).toContain('EXP U1');
      expect(claimed, flag).toBe(row.aliasFlags.includes(flag) ? 'E' : '?');
    }
    const tab = "shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\nalias qt='echo CH\t'\nqt qa U1 || echo NX:U1h\n";
    const chains = row.aliasBlanks.includes('\t');
    expect(runScript(dialect, tab)).toContain(chains ? 'CH echo EXP U1' : 'CH qa U1');
    expect(claims({ 'main.sh': tab }, dialect).get('U1')?.claim).toBe(chains ? 'E' : undefined);
  });
});

// The row builtinRuns: `builtin NAME` runs the shell's own NAME only where the row says.
describe.each(DIALECT_IDS)('`builtin` in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('runs the builtin exactly where the row says', () => {
    const text = "shopt -s expand_aliases 2>/dev/null\nbuiltin alias qa='echo EXP' 2>/dev/null\nqa U1 || echo NX:U1\n";
    const runs = DIALECTS[dialect].builtinRuns;
    expect(runScript(dialect, text)).toContain(runs ? 'EXP U1' : 'NX:U1');
    expect(claims({ 'main.sh': text }, dialect).get('U1')?.claim).toBe(runs ? 'E' : 'N');
  });
});

// The rows versionVariable and doubleBracket: each shell sets its own version variable and no
// other, so a test of one has a known status, and a branch for another shell defines nothing.
describe.each(DIALECT_IDS)('a test of a shell\'s version variable in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('has the status the rows give it', () => {
    const row = DIALECTS[dialect];
    const out = runScript(dialect, ['BASH_VERSION', 'ZSH_VERSION', 'KSH_VERSION'].map((v) => `[ -n "$${v}" ] && echo V:${v}\n`).join('') + '[[ a ]] 2>/dev/null && echo DB\n');
    expect(out.match(/V:\w+/g) ?? []).toEqual(row.versionVariable ? [`V:${row.versionVariable}`] : []);
    expect(out.includes('DB')).toBe(row.doubleBracket !== 'none');
    // where `[[` splits words, an unset variable leaves `[[ -n ]]`, which is true
    expect(runScript(dialect, '[[ -n $ALIASCOPE_UNSET ]] 2>/dev/null && echo SPLIT\n').includes('SPLIT')).toBe(row.doubleBracket === 'test');
    const text = "shopt -s expand_aliases 2>/dev/null\nif [ -n \"$ZSH_VERSION\" ]; then alias qa='echo EXP'; fi\nqa U1 || echo NX:U1\n";
    expect(lint(text, { dialect, filename: 'main.sh' }).analysis.names.aliases.has('qa')).toBe(dialect === 'zsh');
  });
});

// The row coproc: where `coproc` is a keyword, the command after it is read as the shell's own
// and runs in a subshell; elsewhere it is a command that is not found.
describe.each(DIALECT_IDS)('a command after `coproc` in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  it.skipIf(!available)('is read and run in a subshell exactly where `coproc` is a keyword', () => {
    const text = "shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\ninit() { alias qb='echo EXP'; }\n"
      + 'coproc qa U1 >out 2>/dev/null\nwait\ncat out\ncoproc init 2>/dev/null\nwait\nqb U2 || echo NX:U2\n';
    const out = runScript(dialect, text);
    const keyword = DIALECTS[dialect].coproc;
    const result = lint(text, { dialect, filename: 'main.sh' });
    const claimed = claims({ 'main.sh': text }, dialect);
    expect(out.includes('EXP U1')).toBe(keyword);
    expect(claimed.get('U1')?.claim ?? '?').toBe(keyword ? 'E' : '?');
    expect(out).toContain('NX:U2');
    expect(claimed.get('U2')?.claim).toBe('N');
    // the function ran, but in a subshell: its alias never reached the script
    expect(result.diagnostics.some((d) => d.ruleId === 'subshell-alias')).toBe(keyword);
  });
});

// The row precommandModifiers: zsh's words that run the next word as a command, a function
// included; only after `nocorrect` is that word an alias too. `command f` runs no function anywhere.
describe.each(DIALECT_IDS)('a function or alias after a precommand word in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  const every = [...new Set(DIALECT_IDS.flatMap((d) => Object.keys(DIALECTS[d].precommandModifiers))), 'command'];
  it.skipIf(!available)('runs exactly as the row says', () => {
    for (const word of every) {
      const text = `shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP'\nf() { alias qb='echo EXP'; }\n${word} qa U1 2>/dev/null || echo NX:U1\n${word} f 2>/dev/null\nqb U2 || echo NX:U2\n`;
      const out = runScript(dialect, text);
      const modifiers = DIALECTS[dialect].precommandModifiers;
      const runsFunction = Object.hasOwn(modifiers, word);
      const claimed = claims({ 'main.sh': text }, dialect);
      expect(out.includes('EXP U2'), word).toBe(runsFunction);
      expect(claimed.get('U2')?.claim, word).toBe(runsFunction ? 'E' : 'N');
      expect(out.includes('EXP U1'), word).toBe(modifiers[word] === true);
      if (modifiers[word] === true) expect(claimed.get('U1')?.claim, word).toBe('E');
      else expect(claimed.get('U1')?.claim ?? 'N', word).toBe('N');
    }
  });
});

// Shebang options that change aliases before the first line (rules/shebang.ts): run directly,
// the script prints what the engine claims; `-i` first runs startup files, so nothing is claimed.
describe('shebang options', () => {
  const cases: { shebang: string; dialect: DialectId; claim: 'E' | 'N' | '?' }[] = [
    { shebang: '#!/usr/bin/env -S bash --posix', dialect: 'bash', claim: 'E' },
    { shebang: '#!/usr/bin/env -S bash -e -O expand_aliases', dialect: 'bash', claim: 'E' },
    { shebang: '#!/usr/bin/env -S bash -O expand_aliases +O expand_aliases', dialect: 'bash', claim: 'N' },
    { shebang: '#!/usr/bin/env -S POSIXLY_CORRECT=1 bash -e', dialect: 'bash', claim: 'E' },
    { shebang: '#!/bin/bash --posix', dialect: 'bash', claim: 'E' },
    { shebang: '#!/bin/bash -e', dialect: 'bash', claim: 'N' },
    { shebang: '#!/bin/bash -i', dialect: 'bash', claim: '?' },
    { shebang: '#!/usr/bin/env -S zsh -o no_aliases', dialect: 'zsh', claim: 'N' },
    { shebang: '#!/usr/bin/env -S zsh +o aliases', dialect: 'zsh', claim: 'N' },
    { shebang: '#!/usr/bin/env -S zsh --no-aliases', dialect: 'zsh', claim: 'N' },
  ];
  for (const { shebang, dialect, claim } of cases) {
    const available = hasShell(dialect);
    it.skipIf(!available)(`${shebang}: the engine claims ${claim}, and the shell agrees`, () => {
      const text = `${shebang}\nalias qa='echo EXP'\nqa U1 || echo NX:U1\n`;
      const dir = mkdtempSync(join(tmpdir(), 'aliascope-shebang-'));
      try {
        writeFileSync(join(dir, 'main.sh'), text, { mode: 0o755 });
        // an empty home: `-i` reads its startup files from there
        const out = spawnSync('./main.sh', [], { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: dir, ZDOTDIR: dir } }).stdout;
        const seen = out.includes('EXP U1') ? 'E' : out.includes('NX:U1') ? 'N' : 'none';
        const uses = lint(text, { filename: join(dir, 'main.sh'), file: { executable: true } }).analysis.uses;
        const rs = uses[0]?.resolutions ?? [];
        const claimed = uses[0]?.uncertain || rs.length === 0 ? '?' : rs.every((r) => r.outcome === 1) ? 'E' : rs.every((r) => r.outcome === 0) ? 'N' : '?';
        expect(claimed).toBe(claim);
        expect(seen).toBe(claim === '?' ? 'E' : claim);
      } finally {
        rmSync(dir, { recursive: true });
      }
    });
  }
});
