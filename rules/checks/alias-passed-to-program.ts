import { hasRedirection, isSimpleCommand } from '../alias-value';
import { inDocument, type AliasDef, type Analysis } from '../engine';
import { isGlobalOrSuffix } from '../engine/builtins';
import { knownNameOffsets } from '../engine/gates';
import { commandWord, removes } from '../verdicts/exemptions';
import type { SyntaxNode } from '../parse';
import type { Diagnostic, Fix, Rule } from '../rule';
import { code } from '../report';
import { commandRunBy, RUNNERS } from '../runners';
import { literal } from '../words';

/**
 * The alias runs the program of its own name (`grep='grep --color'`,
 * `apt-get='sudo apt-get'`): it decorates that program. Its command word is
 * the name, or a program that runs commands with the name among its words.
 */
function decorates(name: string, def: AliasDef): boolean {
  const command = commandWord(def);
  if (command === name) return true;
  if (command === undefined || !Object.hasOwn(RUNNERS, command)) return false;
  const value = def.value ?? def.arg?.text ?? '';
  return value.split(/[ \t]+/).some((w) => w.replace(/^\\|['"]/g, '') === name);
}

/** Names of programs that run commands, as a word the text may hold: no other text needs looking at. */
const RUNNER_WORD = new RegExp(`(?:^|[\\s;&|(\`/])(?:${Object.keys(RUNNERS).join('|')})(?=[\\s])`);

/**
 * Writing the body in place of the name, when the program takes it as the
 * alias's own words would be read: one simple command, no redirection of its
 * own, no assignment first (`xargs` would run `X=1`), and inside a `-c`
 * string nothing that could end the string's quotes.
 */
function bodyInPlace(value: string | null, inString: boolean, aliases: ReadonlySet<string>): string | null {
  if (value === null || !isSimpleCommand(value) || hasRedirection(value) || /^\s*[A-Za-z_]\w*=/.test(value)) return null;
  // a body that starts with an alias (`alias l='ll'`) would still name one there
  if (aliases.has(value.trim().split(/[ \t]/)[0])) return null;
  return inString && /['"\\]/.test(value) ? null : value.trim();
}

export const aliasPassedToProgram: Rule = {
  meta: {
    id: 'alias-passed-to-program',
    severity: 'warning',
    shellcheck: [],
    fixable: false,
    summary: 'An alias name is given to a program that runs commands (sudo, xargs, env, find -exec, sh -c)',
    docs: `## What it does
Finds an alias name given as the command to a program that runs commands by name: \`sudo\`, \`doas\`, \`env\`, \`nohup\`, \`nice\`, \`ionice\`, \`setsid\`, \`stdbuf\`, \`timeout\`, \`chroot\`, \`flock\`, \`watch\`, \`xargs\`, \`exec\`, \`find … -exec\` (and \`-execdir\`, \`-ok\`, \`-okdir\`), \`time\` where it is a program (dash, BusyBox, and bash --posix and ksh93 when an option such as \`-p\` follows it), and the first word of the string a new shell runs (\`sh -c 'll'\`, \`bash -c …\`).

Not reported: an alias that only a subshell, or a function never called, defines, or one that is defined only further down the file or removed by an \`unalias\` before the program runs; zsh's global aliases (\`alias -g\`), which expand anywhere; an alias whose value runs the program of the same name (\`alias grep='grep --color=auto'\`, \`alias apt-get='sudo apt-get'\`, then \`xargs grep\`), which means the program; a word the shell does expand because the alias before it ends in a blank (\`alias sudo='sudo '\`, and mksh's own \`nohup\`); \`sh -i -c\`, whose startup files may define the alias.

## Why is this bad
Only the shell that defines an alias expands it, and only in command position. These programs receive the name as an argument and look it up on PATH, or hand it to a new shell that has none of this shell's aliases, so the alias body never runs: the command is not found, or a program of that name runs instead.

## Example
\`\`\`bash
alias ll='ls -l'
sudo ll /root
find . -name '*.log' -exec ll {} +
\`\`\`

## Fix
Write out the alias body: \`sudo ls -l /root\`. For \`sudo\` and the like, \`alias sudo='sudo '\` also works: an alias whose value ends in a blank makes the shell check the next word for an alias too, when it directly follows.`,
  },
  check(ctx) {
    const { analysis } = ctx;
    const { text } = analysis;
    const names = analysis.names.aliases;
    // before anything that may need the tree: most texts name no such program
    if (names.size === 0 || !RUNNER_WORD.test(text.startsWith('#!') ? text.slice(text.indexOf('\n') + 1) : text)) return [];
    const candidates = mentions(analysis);
    if (candidates.length === 0) return [];
    const out: Diagnostic[] = [];
    const seen = new Set<SyntaxNode>();
    for (const at of candidates) {
      // the command whose argument (or `-c` string) holds the mention
      let command: SyntaxNode | null = analysis.tree.rootNode.descendantForIndex(at);
      while (command && command.type !== 'command') command = command.parent;
      if (!command || seen.has(command)) continue;
      seen.add(command);
      const nameNode = command.childForFieldName('name');
      const program = nameNode && literal(nameNode)?.replace(/^.*\//, '');
      if (!program || !Object.hasOwn(RUNNERS, program)) continue;
      const runner = RUNNERS[program];
      const run = commandRunBy(runner, command.childrenForFieldName('argument'), analysis.dialect);
      // the mention starts the shell word that holds the name, its quotes included (`sudo 'll'`, `sh -c 'll /'`)
      if (!run || !names.has(run.name) || !candidates.some((at) => at >= run.wordStart && at < run.end)) continue;
      const defs = analysis.defs.filter((d) => d.name === run.name && !isGlobalOrSuffix(d));
      // an alias only a subshell or a function never called defines is not this shell's; nor one
      // defined only further down, or removed on the way (zsh's global aliases expand anywhere)
      if (!defs.some((d) => d.shellRuns > 0) || !inEffectBefore(analysis, run.name, defs, run.start)) continue;
      // `alias grep='grep --color'`: the program of that name is what `xargs grep` means
      // (a value known only at run time is looked at as written: `"sudo -Hu '$owner' brew"`)
      if (defs.every((d) => decorates(run.name, d))) continue;
      const values = [...new Set(defs.map((d) => d.value))];
      const body = values.length === 1 && values[0] !== null ? ` (${code(values[0])})` : '';
      const how = runner.shellString
        ? `\`${program} -c\` runs its string in a new shell, which has none of this script's aliases`
        : `\`${program}\` looks ${code(run.name)} up on PATH as a program, and only the shell that defines an alias expands it`;
      const blank = run.next ? `, or define \`alias ${program}='${program} '\`, whose trailing blank makes the shell expand the word after it` : '';
      const inPlace = values.length === 1 ? bodyInPlace(values[0], !!runner.shellString, names) : null;
      const suggestion: Fix | undefined = inPlace === null ? undefined
        : { title: `Write out the body of alias ${run.name}: ${inPlace}`, edits: [{ start: run.start, end: run.end, text: inPlace }] };
      out.push({
        ruleId: this.meta.id, severity: this.meta.severity, start: run.start, end: run.end, related: [],
        message: `${code(run.name)} is an alias, but ${how}: the alias body never runs here. Write out its body${body}${blank}.`,
        ...(suggestion
          ? { suggestions: [suggestion], fixRefusal: 'a program of that name may be what was meant, so writing out the body is only a suggestion' }
          : { fixRefusal: 'the alias has no one known body that the program can take as its words (one simple command)' }),
      });
    }
    return out;
  },
};

/**
 * A definition in the document comes before `at` with no `unalias` of the
 * name between, or one comes from a file the document sources. Text order
 * stands in for run time: a function body may run later, and is then left.
 */
function inEffectBefore(analysis: Analysis, name: string, defs: AliasDef[], at: number): boolean {
  if (defs.some((d) => d.file !== analysis.file)) return true;
  const last = Math.max(...defs.map((d) => (d.start >= 0 && d.start < at ? d.start : -1)));
  return last >= 0 && !analysis.unaliases.some((u) => u.file === analysis.file && removes(u, name) && u.at > last && u.at < at);
}

/**
 * Where the document spells an alias name as a word of its own (the engine's
 * knownNameOffsets, quotes removed), other than as a use the engine read or
 * inside a definition: the only places this rule looks at, so the tree is read
 * there alone.
 */
function mentions(analysis: Analysis): number[] {
  const used = new Set(analysis.uses.filter((u) => inDocument(analysis, u)).map((u) => u.start));
  const defs = analysis.defs.filter((d) => inDocument(analysis, d) && d.start >= 0);
  return knownNameOffsets(analysis.text, analysis.names.aliases).filter((at) => !used.has(at) && !defs.some((d) => d.start <= at && at < d.end));
}
