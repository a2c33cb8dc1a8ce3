// Every alias use in a document and what it gets: what `--show-uses` prints
// and what the editor's inlay hints mark.
import { AliasDef, Analysis, Tri, Use } from './engine';
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
  /** The file it lies in: the document, or a file it sources. */
  filePath: string;
  /** Offsets in that file. */
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

const EXPANDS: Record<Tri, boolean | null> = { [Tri.No]: false, [Tri.Yes]: true, [Tri.Maybe]: null };

function placeIn(text: string, filePath: string, offset: number): Place {
  const line = lineAt(text, offset);
  return { filePath, line, column: offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1 };
}

/** The `alias` word of a definition: the last one before its `name=value` word. */
export function definitionPlace(analysis: Analysis, def: AliasDef): Place | null {
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

const same = <T>(xs: T[]): T | null => (xs.every((x) => x === xs[0]) ? xs[0] : null);

/**
 * The uses of names some definition may make, in the document and in the files
 * it sources, in file and text order. A word read more than once (a file
 * sourced twice) is listed once: it expands, or gets a definition, only if every
 * reading agrees.
 */
export function aliasUses(analysis: Analysis): UseReport[] {
  const line: LineOf = (offset) => lineAt(analysis.text, offset);
  const words = new Map<string, Use[]>();
  for (const u of analysis.uses) {
    if (u.start < 0 || !analysis.names.aliases.has(u.name)) continue;
    const key = `${u.file}\0${u.start}`;
    words.set(key, [...(words.get(key) ?? []), u]);
  }
  const reports: UseReport[] = [];
  for (const readings of words.values()) {
    const use = readings[0];
    const text = use.file === analysis.file ? analysis.text : analysis.sources.get(use.file);
    if (text === undefined) continue;
    const expands = analysis.aborted || readings.some((u) => u.uncertain) ? null : same(readings.map((u) => EXPANDS[outcomeOf(u)]));
    const def = expands ? same(readings.map((u) => definitionOf(analysis, u))) : null;
    const start = placeIn(text, use.file, use.start);
    const end = placeIn(text, use.file, use.end);
    reports.push({
      name: use.name, filePath: use.file, start: use.start, end: use.end,
      line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
      expands, definition: def ? definitionPlace(analysis, def) : null,
      reason: [...new Set(readings.map((u) => reasonOf(analysis, u, line)))].join('; '),
    });
  }
  const inDoc = (r: UseReport) => (r.filePath === analysis.file ? 0 : 1);
  return reports.sort((a, b) => inDoc(a) - inDoc(b) || a.filePath.localeCompare(b.filePath) || a.start - b.start);
}
