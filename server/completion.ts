// Completing an alias name where a command starts. Which names expand there
// is asked of the engine itself: the text is analysed once more with every
// candidate read at the cursor, in the same parse unit, so each gets exactly
// the aliases and options in effect when that line is read.
import { CompletionItem, CompletionItemKind } from 'vscode-languageserver';
import { lint, REMOVED, Tri, UNDEF } from '../rules';
import type { Analysis, LintOptions } from '../rules';

/** Characters of a word being typed as an alias name. */
const NAME_CHAR = /[^\s=/$`'"\\|&;()<>{}]/;
/** What may come before a command word on its line: nothing, or an operator or a keyword that starts a command. */
const COMMAND_START = /(?:^|[;&|({]|\b(?:then|else|do|time|!))\s*$/;

/** `text` is the document as it is now; `analysis` (maybe of an earlier version) gives the candidate names. */
export function completions(text: string, analysis: Analysis, offset: number, options: LintOptions): CompletionItem[] {
  let start = offset;
  while (start > 0 && NAME_CHAR.test(text[start - 1])) start--;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (!COMMAND_START.test(text.slice(lineStart, start))) return [];
  const names = [...new Set(analysis.defs.map((d) => d.name))].filter((n) => !/[^\w.:@%+,-]/.test(n));
  if (names.length === 0) return [];
  const probe = names.map((n) => `${n};`).join('');
  const probed = lint(text.slice(0, start) + probe + text.slice(offset), options).analysis;
  const out: CompletionItem[] = [];
  for (const use of probed.uses) {
    if (use.file !== probed.file || use.uncertain || use.start < start || use.end > start + probe.length || use.resolutions.length === 0) continue;
    const values = new Set(use.resolutions.flatMap((r) => r.values));
    // defined only later (or nowhere this far): not offered
    if ([...values].every((v) => v === UNDEF)) continue;
    const outcome = use.resolutions.every((r) => r.outcome === Tri.Yes) ? Tri.Yes
      : use.resolutions.every((r) => r.outcome === Tri.No) ? Tri.No : Tri.Maybe;
    const item: CompletionItem = { label: use.name, kind: CompletionItemKind.Variable };
    if (outcome === Tri.Yes) {
      item.detail = 'alias: expands here';
    } else {
      item.detail = `alias: ${outcome === Tri.No ? 'will not expand here' : 'may not expand here'}: ${why(use.resolutions)}`;
      item.sortText = `~${use.name}`;
    }
    out.push(item);
  }
  return out;
}

function why(rs: { flag: Tri; values: number[]; quirk: boolean; neverHere: boolean }[]): string {
  if (rs.every((r) => r.flag === Tri.No)) return 'alias expansion is off when this line is read';
  if (rs.some((r) => r.quirk || r.neverHere)) return 'the shell never expands aliases in this position';
  if (rs.some((r) => r.values.includes(REMOVED))) return 'it may have been removed by `unalias`';
  if (rs.some((r) => r.values.includes(UNDEF))) return 'it may not be defined yet when this line is read';
  return 'alias expansion may be off when this line is read';
}
