// Per-line marks for the gutter: does each alias use on the line expand?
// One mark per line, built from the core's own list of uses (rules/uses.ts,
// what --show-uses prints and the editor's inlay hints mark).
import { aliasUses } from '../rules';
import type { Analysis, UseReport } from '../rules';

export type Expands = 'yes' | 'no' | 'unknown';

export interface UseMark {
  /** Offset of the first use on the line. */
  start: number;
  expands: Expands;
  /** `✓@12`-style text: the mark, and the definition's line when it expands. */
  label: string;
  /** One line per use, for the mark's tooltip. */
  title: string;
}

const SYMBOLS: Record<Expands, string> = { yes: '✓', no: '✗', unknown: '?' };
const WORDS: Record<Expands, string> = { yes: 'expands', no: 'does not expand', unknown: 'may or may not expand' };

const expandsOf = (u: UseReport): Expands => (u.expands === null ? 'unknown' : u.expands ? 'yes' : 'no');
/** The definition's line, when it is in the page's script. */
const defLine = (u: UseReport, file: string): number | undefined => (u.definition?.filePath === file ? u.definition.line : undefined);

export function useMarks(analysis: Analysis): UseMark[] {
  const byLine = new Map<number, UseReport[]>();
  for (const u of aliasUses(analysis)) {
    if (u.filePath !== analysis.file) continue;
    byLine.set(u.line, [...(byLine.get(u.line) ?? []), u]);
  }
  return [...byLine.values()].map((uses) => {
    const kinds = new Set(uses.map(expandsOf));
    const expands: Expands = kinds.size === 1 ? expandsOf(uses[0]) : 'unknown';
    const first = uses[0];
    const line = defLine(first, analysis.file);
    const label = uses.length === 1 && line ? `${SYMBOLS[expands]}@${line}` : SYMBOLS[expands];
    const title = uses.map((u) => {
      const at = defLine(u, analysis.file);
      return `${u.name}: ${WORDS[expandsOf(u)]}${at ? ` (alias from line ${at})` : ''}`;
    }).join('\n');
    return { start: first.start, expands, label, title };
  });
}
