// Quick fixes as pure text edits: rewrite an alias as a wrapper function, or
// switch bash's expand_aliases on where it takes effect in time.
import type { Dialect } from './dialects';
import { defsNamed } from './verdicts';
import { AliasDef, Analysis, inDocument } from './engine';
import { errorCount, parse } from './parse';
import type { Fix, TextEdit } from './rule';

export type FixOrRefusal = { fix: Fix } | { refusal: string };

const RESERVED = new Set([
  '{', '}', '!', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac',
  'while', 'until', 'for', 'in', 'function', 'select', 'time', '[[', ']]', 'coproc',
]);

/** Statement lists, where a command may be replaced by two commands. */
const LIST_PARENTS = new Set(['program', 'compound_statement', 'do_group', 'subshell', 'if_statement',
  'elif_clause', 'else_clause', 'case_item']);

function validFunctionName(name: string, dialect: Dialect): boolean {
  if (RESERVED.has(name)) return false;
  return dialect.identifierFunctionNames ? /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) : /^[^\s'"\\$`=|&;<>()]+$/.test(name);
}

/** The first word of a command text. */
function firstWord(body: string): string | undefined {
  return /^[^\s;&|<>()]+/.exec(body)?.[0];
}

/** The function text that does what `alias name=value` does for `name args…`. */
function wrapperText(name: string, value: string): string {
  const body = value.trim();
  return `${name}() { ${firstWord(body) === name ? 'command ' : ''}${body} "$@"; }`;
}

export function wrapperFix(def: AliasDef, analysis: Analysis): FixOrRefusal {
  const { dialect, text } = analysis;
  if (!inDocument(analysis, def) || !def.command || !def.arg) return { refusal: 'the definition is not in this file' };
  if (def.definitionTimeExpansion) {
    return { refusal: 'the value is expanded when the alias is defined, and a function would expand it at each call' };
  }
  if (def.value === null) return { refusal: 'the value is only known when the script runs' };
  if (/[ \t]$/.test(def.value)) {
    return { refusal: 'the value ends in a blank, so the word after it is alias-expanded too, which a function cannot do' };
  }
  if (def.shellRuns === 0 || def.subshellRuns > 0) {
    return { refusal: 'the definition does not run in the shell that uses it, so a function there would not help either' };
  }
  if (defsNamed(analysis, def.name).length > 1) {
    return { refusal: `\`${def.name}\` is defined more than once, and one function cannot stand in for all of them` };
  }
  if (analysis.unaliases.some((u) => u.name === def.name || u.name === null)) {
    return { refusal: `the script runs \`unalias ${def.name}\`, which fails once it is a function` };
  }
  const body = def.value.trim();
  const first = firstWord(body);
  if (!body || !first || RESERVED.has(first) || /(^|[^\\])(;|&|\|)\s*$/.test(body)) {
    return { refusal: 'the value is not a complete command' };
  }
  if (!validFunctionName(def.name, dialect)) {
    return { refusal: `\`${def.name}\` is not a valid function name in ${dialect.label}` };
  }
  const fn = wrapperText(def.name, def.value);
  if (errorCount(parse(fn)) > 0) return { refusal: 'the value is not a complete command' };
  const cmd = def.command;
  const [cmdStart, cmdEnd] = [cmd.startIndex + def.base, cmd.endIndex + def.base];
  const defArgs = cmd.childrenForFieldName('argument').filter((a) => a.text !== '--');
  const title = `Rewrite alias \`${def.name}\` as a function`;
  if (defArgs.length === 1) return { fix: { title, edits: [{ start: cmdStart, end: cmdEnd, text: fn }] } };
  const inList = cmd.parent && LIST_PARENTS.has(cmd.parent.type) && cmd.nextSibling?.type !== '&';
  if (!inList) return { refusal: 'the alias command defines several aliases inside a larger command' };
  let cut = def.start;
  while (cut > 0 && (text[cut - 1] === ' ' || text[cut - 1] === '\t')) cut--;
  const edits: TextEdit[] = [
    { start: cmdStart, end: cmdStart, text: `${fn}; ` },
    { start: cut, end: def.end, text: '' },
  ];
  return { fix: { title, edits } };
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
