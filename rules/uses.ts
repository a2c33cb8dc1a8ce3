// Every alias use in a document and what it gets: what `--show-uses` prints
// and what the editor's inlay hints mark.
import { AliasDef, Analysis, inDocument, Use } from './engine';
import { LineOf, outcomeOf, reasonOf } from './explain';
import { lineAt } from './places';

export interface Place {
  filePath: string;
  /** 1-based, as in messages. */
  line: number;
  column: number;
}

export interface UseReport {
  name: string;
  /** Offsets in the document. */
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** null when the dialect's shells disagree or the analysis cannot decide. */
  expands: boolean | null;
  /** The definition it gets, when it expands to one only. */
  definition: Place | null;
  reason: string;
}

const EXPANDS: Record<0 | 1 | 2, boolean | null> = { 0: false, 1: true, 2: null };

function placeIn(text: string, filePath: string, offset: number): Place {
  const line = lineAt(text, offset);
  return { filePath, line, column: offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1 };
}

/** The `alias` word of a definition: the last one before its `name=value` word. */
function definitionPlace(analysis: Analysis, def: AliasDef): Place | null {
  const text = def.file === analysis.file ? analysis.text : analysis.sources.get(def.file);
  if (text === undefined || def.start < 0) return null;
  const at = text.lastIndexOf('alias', def.start);
  return placeIn(text, def.file, at >= 0 ? at : def.start);
}

/** The one definition every reading of an expanding use gets; null when it may get several. */
function definitionOf(analysis: Analysis, use: Use): AliasDef | null {
  const ids = new Set(use.resolutions.flatMap((r) => r.values));
  if (ids.size !== 1) return null;
  const [id] = ids;
  return id >= 0 ? analysis.defs[id] ?? null : null;
}

/** The uses in the document itself of names some definition may make, in document order. */
export function aliasUses(analysis: Analysis): UseReport[] {
  const line: LineOf = (offset) => lineAt(analysis.text, offset);
  return analysis.uses
    .filter((u) => inDocument(analysis, u) && analysis.names.aliases.has(u.name))
    .sort((a, b) => a.start - b.start)
    .map((use) => {
      const expands = analysis.aborted || use.uncertain ? null : EXPANDS[outcomeOf(use)];
      const def = expands ? definitionOf(analysis, use) : null;
      const start = placeIn(analysis.text, analysis.file, use.start);
      const end = placeIn(analysis.text, analysis.file, use.end);
      return {
        name: use.name, start: use.start, end: use.end, line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
        expands, definition: def ? definitionPlace(analysis, def) : null, reason: reasonOf(analysis, use, line),
      };
    });
}
