// Why a use does not get the definition its author meant. Two questions are
// kept apart:
// - which definitions can the use get? "Not this one" is certain whenever the
//   use is read before that definition runs, whatever code the engine could
//   not follow did: such code can at most have left an older definition;
// - does the use expand at all? That can depend on such code, and on bash's
//   expand_aliases.
// Each failing use gets exactly one reason, so the rules never overlap.
import type { AliasDef, Analysis, UnknownCode, Use } from '../engine';
import { Tri, inDocument, isDefinition, isUnknown, unknownIndex } from '../engine';
import type { Place, SourcedVerdict } from './sourced';
import { runsThrough, sourcedReason, sourcerReason, startOf } from './sourced';
import { timingReason } from './timing';
import { neverDefinedHere } from './exemptions';

export type Reason =
  | 'expand-aliases-off'
  | 'subshell-alias'
  | 'alias-in-function'
  | 'function-read-before-alias'
  | 'same-unit'
  | 'use-before-definition'
  | 'heredoc-substitution';

export interface Verdict {
  use: Use;
  reason: Reason;
  /** The definition the author most likely meant. */
  def: AliasDef;
  /** Other definitions of the name the use may get instead (earlier ones still in effect). */
  olderDefs: AliasDef[];
  /** Code the engine could not follow that may have left a definition of the name in effect. */
  unknowns: UnknownCode[];
  /** For a definition in another file: the document's `source` command the use was judged against. */
  source?: SourceCommand;
}

/** The `source` command (or the `eval` whose string holds it) a verdict names, and where it runs. */
export interface SourceCommand {
  start: number;
  end: number;
  /** The function whose body holds the command, when that is not the use's own. */
  inFunction?: string;
  /** Where that function is defined, when a file this command sources defines it (and its body sources the definition's file). */
  functionAt?: Place;
  /** The definition runs in a subshell of the sourced files, not of this one. */
  subshellThere?: true;
}

/** Per analysis, its uses and its document's definitions by name. */
const usesByName = new WeakMap<Analysis, Map<string, Use[]>>();

const defsByName = new WeakMap<Analysis, Map<string, AliasDef[]>>();

/** The items of an analysis grouped by name, worked out once per analysis. */
function byName<T extends { name: string }>(memo: WeakMap<Analysis, Map<string, T[]>>, analysis: Analysis, items: () => T[]): Map<string, T[]> {
  let map = memo.get(analysis);
  if (!map) {
    map = new Map();
    for (const x of items()) {
      const list = map.get(x.name);
      if (list) list.push(x);
      else map.set(x.name, [x]);
    }
    memo.set(analysis, map);
  }
  return map;
}

/** The uses of one alias name, in any file: every definition's fix asks. */
export function usesNamed(analysis: Analysis, name: string): Use[] {
  return byName(usesByName, analysis, () => analysis.uses).get(name) ?? [];
}

/** The definitions of one alias name in this document, in text order. */
export function defsNamed(analysis: Analysis, name: string): AliasDef[] {
  const inText = () => analysis.defs.filter((d) => inDocument(analysis, d)).sort((a, b) => a.start - b.start);
  return byName(defsByName, analysis, inText).get(name) ?? [];
}

/** The nearest definition above the use, or the first below it; else one from a sourced file the use can get, or any there. */
function intendedDef(use: Use, analysis: Analysis): AliasDef | undefined {
  const mine = defsNamed(analysis, use.name);
  let best: AliasDef | undefined;
  for (const d of mine) if (d.start < use.start) best = d;
  return best ?? mine[0] ?? use.resolutions.flatMap((r) => r.values).filter(isDefinition).map((v) => analysis.defs[v]).find((d) => d.name === use.name)
    ?? analysis.defs.find((d) => d.name === use.name && !inDocument(analysis, d) && !d.inFunction)
    ?? analysis.defs.find((d) => d.name === use.name && !inDocument(analysis, d));
}

export function verdicts(analysis: Analysis): Verdict[] {
  if (analysis.aborted) return [];
  const out: Verdict[] = [];
  for (const use of analysis.uses) {
    if (use.uncertain || !inDocument(analysis, use) || use.resolutions.length === 0 || use.resolutions.some((r) => r.quirk)) continue;
    const def = intendedDef(use, analysis);
    if (!def || neverDefinedHere(def, analysis)) continue;
    // read only where the dialect never expands an alias: no definition, wherever it runs, reaches it
    const never = use.resolutions.filter((r) => r.neverHere).length;
    if (never === use.resolutions.length) {
      out.push({ use, reason: 'heredoc-substitution', def, olderDefs: [], unknowns: [] });
      continue;
    }
    if (never > 0) continue;
    const gets = new Set(use.resolutions.flatMap((r) => r.values));
    let reason: Reason | null = null;
    let sourced: SourcedVerdict = null;
    // offsets of a sourced file's definition say nothing about timing in this one
    if (gets.has(def.id)) reason = use.resolutions.every((r) => r.flag === Tri.No) ? 'expand-aliases-off' : null;
    else if (inDocument(analysis, def)) reason = timingReason(use, def, analysis);
    else if (runsThrough(analysis, def.file, analysis.file)) reason = sourcerReason(use, def, analysis);
    else reason = (sourced = sourcedReason(use, def, analysis))?.reason ?? null;
    if (!reason) continue;
    const source = sourced?.source;
    out.push({
      use, reason, def,
      ...(source ? {
        source: {
          start: startOf(source), end: source.node.endIndex + source.base,
          ...(sourced?.inFunction !== undefined ? { inFunction: sourced.inFunction } : {}), ...(sourced?.functionAt ? { functionAt: sourced.functionAt } : {}),
          ...(sourced?.subshellThere ? { subshellThere: true as const } : {}),
        },
      } : {}),
      olderDefs: [...gets].filter((v) => isDefinition(v) && v !== def.id).map((v) => analysis.defs[v]),
      unknowns: [...gets].filter(isUnknown).map((v) => analysis.unknowns[unknownIndex(v)]),
    });
  }
  return out;
}
