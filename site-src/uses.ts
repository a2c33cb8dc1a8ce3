// Per-line marks for the gutter: does each alias use on the line expand?
// Derived here from the analysis until the core lists uses itself.
import { inDocument, LineIndex } from '../rules';
import type { Analysis } from '../rules';
import { definitionsOf, outcomeOf } from '../rules/explain';

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

const OUTCOMES: Record<0 | 1 | 2, Expands> = { 0: 'no', 1: 'yes', 2: 'unknown' };
const SYMBOLS: Record<Expands, string> = { yes: '✓', no: '✗', unknown: '?' };
const WORDS: Record<Expands, string> = { yes: 'expands', no: 'does not expand', unknown: 'may or may not expand' };

export function useMarks(analysis: Analysis, text: string): UseMark[] {
  const lines = new LineIndex(text);
  const byLine = new Map<number, { start: number; expands: Expands; name: string; defLine?: number }[]>();
  for (const use of analysis.uses) {
    if (!inDocument(analysis, use)) continue;
    const expands = OUTCOMES[outcomeOf(use)];
    const defs = expands === 'yes' ? definitionsOf(analysis, use).filter((d) => inDocument(analysis, d)) : [];
    const line = lines.position(use.start).line;
    const entry = { start: use.start, expands, name: use.name, defLine: defs.length === 1 ? lines.position(defs[0].start).line + 1 : undefined };
    byLine.set(line, [...(byLine.get(line) ?? []), entry]);
  }
  return [...byLine.values()].map((uses) => {
    const kinds = new Set(uses.map((u) => u.expands));
    const expands: Expands = kinds.size === 1 ? uses[0].expands : 'unknown';
    const first = uses[0];
    const label = uses.length === 1 && first.defLine ? `${SYMBOLS[expands]}@${first.defLine}` : SYMBOLS[expands];
    const title = uses.map((u) => `${u.name}: ${WORDS[u.expands]}${u.defLine ? ` (alias from line ${u.defLine})` : ''}`).join('\n');
    return { start: first.start, expands, label, title };
  });
}
