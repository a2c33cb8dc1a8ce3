// Quick fixes as pure text edits: rewrite an alias as a wrapper function, or
// switch bash's expand_aliases on where it takes effect in time.
import { hasRedirection, isSimpleCommand, readable, scopeSensitive } from './alias-value';
import { chainsNextWord, type Dialect } from './dialects';
import { defsNamed, usesNamed, Verdict } from './verdicts';
import { AliasDef, Analysis, inDocument, Use } from './engine';
import { leadingOptions, PREFIX_WORDS } from './engine/builtins';
import { knownNameOffsets } from './engine/gates';
import { errorCount, parse, SyntaxNode } from './parse';
import type { Fix, TextEdit } from './rule';

/**
 * What a report offers: a fix that `--fix` applies, a suggestion that only an
 * editor offers (ESLint's suggestions: right in most scripts, but it may
 * change what already works), or the reason there is neither.
 */
export type FixOffer = { fix: Fix } | { suggestion: Fix; why: string } | { refusal: string };

/** Builtins whose arguments the shell reads as assignments, and that declare the variables of the function they run in. */
const DECLARATION_WORDS = new Set(['local', 'typeset', 'declare', 'export', 'readonly']);

const RESERVED = new Set([
  '{', '}', '!', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac',
  'while', 'until', 'for', 'in', 'function', 'select', 'time', '[[', ']]', 'coproc',
]);

/** Statement lists, where a command may be replaced by two commands. */
const LIST_PARENTS = new Set(['program', 'compound_statement', 'do_group', 'subshell', 'if_statement',
  'elif_clause', 'else_clause', 'case_item']);

function validFunctionName(name: string, dialect: Dialect): boolean {
  if (RESERVED.has(name)) return false;
  return dialect.functionNames.test(name);
}

/** The first word of a command text. */
function firstWord(body: string): string | undefined {
  return /^[^\s;&|<>()]+/.exec(body)?.[0];
}

/** The function text that does what `alias name=value` does for `name args…`. */
function wrapperText(name: string, value: string, dialect: Dialect): string {
  const body = value.trim();
  const bypass = firstWord(body) !== name ? '' : dialect.commandSkips.has(name) ? 'builtin ' : 'command ';
  return `${name}() { ${bypass}${body} "$@"; }`;
}

/** An offer of `fix`, kept from `--fix` when `risk` says why it may change what works. */
function offer(fix: Fix, risk: string | null): FixOffer {
  return risk ? { suggestion: fix, why: risk } : { fix };
}

/** The fix an offer holds, whether `--fix` may apply it or not. */
function offered(o: FixOffer): Fix | undefined {
  return 'fix' in o ? o.fix : 'suggestion' in o ? o.suggestion : undefined;
}

/**
 * The command node a use's word names, with what is written around it: a
 * use is plain when no pipe, redirection, `&`, `!` or `&&`/`||` before it
 * would take in only the last of several commands pasted by the alias.
 */
function plainUse(use: Use, analysis: Analysis): boolean {
  const node = commandOfUse(use, analysis);
  if (!node) return false;
  if (node.nextSibling?.type === '&') return false;
  const p = node.parent;
  if (!p) return true;
  if (p.type === 'redirected_statement' || p.type === 'pipeline' || p.type === 'negated_command') return false;
  if (p.type === 'list') return p.firstChild?.startIndex === node.startIndex && p.nextSibling?.type !== '&';
  return true;
}

/** The simple command whose name a use is. */
function commandOfUse(use: Use, analysis: Analysis): SyntaxNode | null {
  let node: SyntaxNode | null = analysis.tree.rootNode.descendantForIndex(use.start);
  while (node && node.type !== 'command') node = node.parent;
  return node;
}

/** A use with redirections of its own: pasted, the value's come first; around a call, they come first. */
function redirectedUse(use: Use, analysis: Analysis): boolean {
  return commandOfUse(use, analysis)?.parent?.type === 'redirected_statement';
}

/** Why running the value in a wrapper function may differ from pasting it, or null when it cannot. */
function wrapperRisk(def: AliasDef, analysis: Analysis): string | null {
  const value = def.value ?? '';
  if (!readable(value)) return 'the value is too long for aliascope to check what it does in a function';
  const scoped = scopeSensitive(value, analysis.dialect.localDeclarations);
  if (scoped) return `\`${scoped}\` in the value would act on the new function, not on the code that uses the alias`;
  const uses = usesNamed(analysis, def.name);
  const gets = (u: Use): boolean => u.resolutions.some((r) => r.values.includes(def.id));
  if (uses.some((u) => u.chained && gets(u))) {
    return 'a use follows an alias whose value ends in a blank or is empty (`sudo name`), and a function cannot be called from there';
  }
  if (!isSimpleCommand(value) && uses.some((u) => !inDocument(analysis, u) || !plainUse(u, analysis))) {
    return 'the value is several commands, and a pipe, redirection, `&` or `!` at a use would take in all of them instead of the last';
  }
  if (hasRedirection(value) && uses.some((u) => !inDocument(analysis, u) || redirectedUse(u, analysis))) {
    return 'the value has a redirection, and a redirection at a use would apply before it instead of after';
  }
  const bypass = bypassingSpelling(analysis.text, def.name);
  if (bypass) return `\`${bypass}\` skips the alias on purpose, but it would call a function of that name`;
  return null;
}

/**
 * A quoted or escaped spelling of `name` in the text (`\\grep`, `'grep'`):
 * as a command it runs the plain command, past the alias but not past a function.
 */
function bypassingSpelling(text: string, name: string): string | null {
  for (const at of knownNameOffsets(text, new Set([name]))) {
    const word = /^[^\s;&|()<>`]*/.exec(text.slice(at))![0];
    if (word !== name) return word;
  }
  return null;
}

/** Why the definition cannot become a function at all, or null. */
function wrapperRefusal(def: AliasDef, analysis: Analysis): string | null {
  if (!inDocument(analysis, def) || !def.command || !def.arg) return 'the definition is not in this file';
  if (def.definitionTimeExpansion) {
    return 'the value is expanded when the alias is defined, and a function would expand it at each call';
  }
  if (def.value === null) return 'the value is only known when the script runs';
  if (chainsNextWord(def.value, analysis.dialect)) {
    const end = def.value.trim() === '' ? 'is empty' : /[;&|\n]\s*$/.test(def.value) ? 'ends in an operator' : 'ends in a blank';
    return `the value ${end}, so the word after it is alias-expanded too, which a function cannot do`;
  }
  if (def.shellRuns === 0 || def.subshellRuns > 0) {
    return 'the definition does not run in the shell that uses it, so a function there would not help either';
  }
  if (defsNamed(analysis, def.name).length > 1) {
    return `\`${def.name}\` is defined more than once, and one function cannot stand in for all of them`;
  }
  if (analysis.unaliases.some((u) => u.name === def.name || u.name === null)) {
    return `the script runs \`unalias ${def.name}\`, which fails once it is a function`;
  }
  const body = def.value.trim();
  const first = firstWord(body);
  if (!body || !first || RESERVED.has(first) || /(^|[^\\])(;|&|\|)\s*$/.test(body)) return 'the value is not a complete command';
  // the wrapper reaches the command of its own name through `command` or `builtin`, which it would replace
  if (PREFIX_WORDS.has(def.name)) return `a function named \`${def.name}\` would call itself`;
  if (DECLARATION_WORDS.has(def.name)) return `\`${def.name}\` reads its arguments as assignments and declares variables where it runs, which a function cannot do for its caller`;
  // the wrapper would replace it for every caller, and its own `command` skips functions
  if (analysis.names.functions.has(def.name)) return `the script defines a function \`${def.name}\`, which a wrapper of that name would replace`;
  // zsh's precommand modifiers act on the words of the call as it is read (`noglob` stops globbing): inside a function they come too late
  if (Object.hasOwn(analysis.dialect.precommandModifiers, first)) return `\`${first}\` acts on the words as they are read, which the function's arguments already are`;
  if (!validFunctionName(def.name, analysis.dialect)) return `\`${def.name}\` is not a valid function name in ${analysis.dialect.label}`;
  const cmd = def.command;
  const name = cmd.childForFieldName('name');
  if (name?.text !== 'alias') return `the alias command runs through \`${name?.text ?? '?'}\`, which the function would be left with`;
  if (cmd.parent?.type === 'redirected_statement') return 'the alias command has a redirection, which would apply to every call of the function';
  if (leadingOptions(cmd.childrenForFieldName('argument')).length) return 'the alias command has options, which a function has no counterpart for';
  if (inDoubleQuotes(analysis, cmd.startIndex + def.base)) return 'the definition is in a double-quoted string (an `eval`), where the function\'s text would need quoting of its own';
  if (errorCount(parse(wrapperText(def.name, def.value, analysis.dialect))) > 0) return 'the value is not a complete command';
  return null;
}

/** Whether an offset of the document lies inside a double-quoted string of its own tree. */
function inDoubleQuotes(analysis: Analysis, at: number): boolean {
  for (let n: SyntaxNode | null = analysis.tree.rootNode.descendantForIndex(at); n; n = n.parent) {
    if (n.type === 'string') return true;
    // a substitution's text is quoted anew
    if (n.type === 'command_substitution' || n.type === 'process_substitution') return false;
  }
  return false;
}

/** Rewrites the definition in place as a wrapper function: worked out once per definition. */
export function wrapperFix(def: AliasDef, analysis: Analysis): FixOffer {
  const refusal = wrapperRefusal(def, analysis);
  if (refusal) return { refusal };
  const { text } = analysis;
  const fn = wrapperText(def.name, def.value!, analysis.dialect);
  const cmd = def.command!;
  const [cmdStart, cmdEnd] = [cmd.startIndex + def.base, cmd.endIndex + def.base];
  const defArgs = cmd.childrenForFieldName('argument').filter((a) => a.text !== '--');
  const title = `Rewrite alias \`${def.name}\` as a function`;
  const risk = wrapperRisk(def, analysis);
  if (defArgs.length === 1) return offer({ title, edits: [{ start: cmdStart, end: cmdEnd, text: fn }], defines: [def.name] }, risk);
  const inList = cmd.parent && LIST_PARENTS.has(cmd.parent.type) && cmd.nextSibling?.type !== '&';
  if (!inList) return { refusal: 'the alias command defines several aliases inside a larger command' };
  let cut = def.start;
  while (cut > 0 && (text[cut - 1] === ' ' || text[cut - 1] === '\t')) cut--;
  const edits: TextEdit[] = [
    { start: cmdStart, end: cmdStart, text: `${fn}; ` },
    { start: cut, end: def.end, text: '' },
  ];
  return offer({ title, edits, defines: [def.name] }, risk);
}

/** Start of the line holding an offset. */
const lineStart = (text: string, at: number): number => text.lastIndexOf('\n', at - 1) + 1;

/**
 * Defines the function before the first top-level command that runs the use,
 * and deletes the definition: for a use that runs before the definition does,
 * which no rewrite in place can reach.
 */
function moveFix(v: Verdict, analysis: Analysis, reported: ReadonlySet<Use>): FixOffer {
  const { def, use } = v;
  const { text, units } = analysis;
  const cmd = def.command!;
  if (cmd.parent?.type !== 'program' || def.inFunction || cmd.childrenForFieldName('argument').length !== 1) {
    return { refusal: 'the use runs before the definition, which is not a plain top-level command that could move up' };
  }
  if (use.runs.some((r) => r.unit < 0)) return { refusal: 'the use runs before the definition, from code in another file' };
  // before the first run of every reported use of the name: each use's fix moves the same definition
  const moving = usesNamed(analysis, def.name).filter((u) => u === use || (reported.has(u) && u.runs.length > 0
    && u.runs.every((r) => r.unit >= 0)));
  const first = Math.min(...moving.flatMap((u) => u.runs.map((r) => r.unit)));
  const defAt = units.findIndex((u) => u.start <= def.start && def.start < u.end);
  if (defAt <= first) return { refusal: 'the use runs before the definition does' };
  // every use that would newly run the function in between must be one of the bugs this fixes
  const changed = usesNamed(analysis, def.name).find((u) => !reported.has(u)
    && u.runs.some((r) => r.unit >= first && r.unit <= defAt && !r.values.includes(def.id)));
  if (changed) return { refusal: `moving the definition up would also change a use of \`${def.name}\` that is not reported` };
  const [cmdStart, cmdEnd] = [cmd.startIndex + def.base, cmd.endIndex + def.base];
  const from = lineStart(text, cmdStart);
  const eolAt = text.indexOf('\n', cmdEnd);
  const to = eolAt === -1 ? text.length : eolAt + 1;
  if (text.slice(from, cmdStart).trim() || text.slice(cmdEnd, to).trim()) {
    return { refusal: 'the use runs before the definition, which shares its line with other code and cannot move up' };
  }
  const at = lineStart(text, units[first].start);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const fix: Fix = {
    title: `Define \`${def.name}\` as a function before its first use`,
    edits: [
      { start: at, end: at, text: `${wrapperText(def.name, def.value!, analysis.dialect)}${eol}` },
      // a last line without a newline takes the one before it along, so the file still ends without one
      { start: eolAt === -1 && from > 0 ? from - (text[from - 2] === '\r' ? 2 : 1) : from, end: to, text: '' },
    ],
    defines: [def.name],
  };
  return offer(fix, wrapperRisk(def, analysis));
}

/**
 * The fix for one failing use, given its definition's wrapper offer: the
 * wrapper helps only where every run of the use comes after the definition
 * has run; a use that runs before it needs the definition moved up.
 */
export function fixForUse(v: Verdict, analysis: Analysis, wrapper: FixOffer, reported: ReadonlySet<Use>): FixOffer {
  if ('refusal' in wrapper) return wrapper;
  if (v.use.chained) return { refusal: 'the use follows an alias whose value ends in a blank or is empty (`sudo name`), and a function cannot be called from there' };
  const { runs } = v.use;
  const helps = (u: Use) => u.runs.length > 0 && u.runs.every((r) => r.values.includes(v.def.id));
  const helped = runs.filter((r) => r.values.includes(v.def.id)).length;
  if (runs.length > 0 && helped === runs.length) {
    // another reported use runs before the definition: the definition moved up serves both, where the rewrite in place would leave it
    if (!usesNamed(analysis, v.def.name).some((u) => u !== v.use && reported.has(u) && !helps(u))) return wrapper;
    const moved = moveFix(v, analysis, reported);
    return 'refusal' in moved ? wrapper : moved;
  }
  if (runs.length === 0) return { suggestion: offered(wrapper)!, why: 'aliascope cannot tell whether this use runs after the definition' };
  const moved = moveFix(v, analysis, reported);
  if (!('refusal' in moved)) return moved;
  if (helped > 0) return { suggestion: offered(wrapper)!, why: 'the use also runs before the definition, where the function would not exist yet' };
  return moved;
}

/** `shopt -s expand_aliases` on its own line, before the first command is read. */
export function shoptFix(analysis: Analysis): Fix | undefined {
  const first = analysis.units[0];
  const { text } = analysis;
  // already there: something else (a sourced file, say) switches it off again
  if (!first || /^shopt\s+-s\s+expand_aliases\s*$/.test(text.slice(first.start, first.end))) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  return {
    title: 'Add `shopt -s expand_aliases` before the first command',
    edits: [{ start: lineStart, end: lineStart, text: `${indent}shopt -s expand_aliases${eol}` }],
  };
}

/**
 * Applies fixes in order, skipping any whose edits overlap edits already taken.
 * Identical edits from several diagnostics are applied once.
 */
export function applyFixes(text: string, fixes: Fix[]): { text: string; applied: number } {
  const taken: TextEdit[] = [];
  const seen = new Set<string>();
  let applied = 0;
  for (const fix of fixes) {
    const fresh = fix.edits.filter((e) => !seen.has(`${e.start}:${e.end}:${e.text}`));
    if (fresh.length === 0) continue;
    const clash = fresh.some((e) => taken.some((t) =>
      e.start < t.end && t.start < e.end || (e.start === e.end && e.start === t.start) || (t.start === t.end && t.start === e.start)));
    if (clash) continue;
    for (const e of fresh) {
      taken.push(e);
      seen.add(`${e.start}:${e.end}:${e.text}`);
    }
    applied++;
  }
  taken.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of taken) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, applied };
}
