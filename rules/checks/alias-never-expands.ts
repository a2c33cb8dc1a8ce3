import type { Diagnostic, Rule } from '../rule';
import type { Verdict } from '../verdicts';
import { code } from '../report';
import { Analysis, inDocument, roughWords } from '../engine';
import { writtenToBeSourced } from './intent';

/** The words of the units of every file the analysis read that it could not parse, worked out once per analysis. */
const unparsed = new WeakMap<Analysis, Set<string>>();
function unparsedWords(analysis: Analysis): Set<string> {
  let words = unparsed.get(analysis);
  if (!words) {
    words = new Set();
    for (const [file, text] of analysis.sources) {
      for (const u of analysis.unitsOf(file) ?? []) if (u.uncertain) for (const w of roughWords(text.slice(u.start, u.end))) words.add(w);
    }
    unparsed.set(analysis, words);
  }
  return words;
}

/** Per word, the aliases whose values hold it, worked out once per analysis. */
const valueWords = new WeakMap<Analysis, Map<string, Set<string>>>();

/** Whether another alias's value names this one: a use of that alias may expand this one. */
function namedInValues(analysis: Analysis, name: string): boolean {
  let words = valueWords.get(analysis);
  if (!words) {
    words = new Map();
    for (const d of analysis.defs) for (const w of d.value === null ? [] : roughWords(d.value)) words.set(w, (words.get(w) ?? new Set()).add(d.name));
    valueWords.set(analysis, words);
  }
  return [...words.get(name) ?? []].some((holder) => holder !== name);
}

export const aliasNeverExpands: Rule = {
  meta: {
    id: 'alias-never-expands',
    severity: 'warning',
    shellcheck: [],
    fixable: false,
    summary: 'An alias is defined, but none of its uses expand',
    docs: `## What it does
Reports an alias definition when the script uses the alias but no use ever gets it.

Not reported: files written to be sourced (startup files, files that test \`BASH_SOURCE\` against \`$0\` or \`return\` at top level), whose aliases live on in the shell that sources them; definitions that code aliascope cannot follow (an \`eval\` of a variable, a \`source\` of a file it cannot find) may have used; and aliases whose name is a word of text aliascope cannot parse, or of another alias's value, which may hold a use.

## Why is this bad
The definition has no effect. Each failing use is reported on its own with the reason; this report marks the definition that cannot take effect.

## Example
\`\`\`bash
f() { ll; }
alias ll='ls -l'
f
\`\`\`

## Fix
Fix the reported uses (usually by turning the alias into a function), or remove the alias.`,
  },
  check(ctx) {
    const { analysis } = ctx;
    const out: Diagnostic[] = [];
    // a file written to be sourced keeps its aliases for the shell that sources
    // it, which may use them after the file: the definition is not known to be idle
    if (ctx.verdicts.length === 0 || writtenToBeSourced(analysis)) return out;
    const usesOf = new Map<string, number>();
    for (const u of analysis.uses) usesOf.set(u.name, (usesOf.get(u.name) ?? 0) + 1);
    const failingOf = new Map<number, Verdict[]>();
    for (const v of ctx.verdicts) failingOf.set(v.def.id, [...(failingOf.get(v.def.id) ?? []), v]);
    for (const [id, failing] of failingOf) {
      const def = analysis.defs[id];
      // a sourced file's definition is reported where that file is linted
      if (!inDocument(analysis, def)) continue;
      // code aliascope cannot follow ran while it was in effect, and may have used it
      if (def.seenByUnknown) continue;
      // so may a use in text aliascope cannot parse (`time { ll; }`), or in another alias's value (`alias l='ll -a'`)
      if (unparsedWords(analysis).has(def.name) || namedInValues(analysis, def.name)) continue;
      if (failing.length !== usesOf.get(def.name)) continue;
      if (failing.every((v) => v.reason === 'same-unit')) continue;
      out.push({
        ruleId: this.meta.id, severity: this.meta.severity,
        message: failing.some((v) => v.olderDefs.length > 0 || v.unknowns.length > 0)
          // the uses may still expand, to an earlier definition or one that code aliascope cannot follow made
          ? `This definition of alias ${code(def.name)} never takes effect: ${failing.length === 1 ? 'its only use is' : `all ${failing.length} uses are`} read when it is not in effect, and may run another definition instead.`
          : failing.every((v) => v.reason === 'heredoc-substitution')
            ? `Alias ${code(def.name)} never expands: ${failing.length === 1 ? 'its only use is' : `all ${failing.length} uses are`} in a here-document's \`$( )\`, where ${ctx.dialectLabel} never expands aliases.`
            : `Alias ${code(def.name)} never expands: ${failing.length === 1 ? 'its only use is' : `all ${failing.length} uses are`} read when the alias is not in effect.`,
        start: def.start, end: def.end,
        related: failing.map((v) => ({ start: v.use.start, end: v.use.end, message: `use on line ${ctx.line(v.use.start)} (${v.reason})` })),
      });
    }
    return out;
  },
};
