// What an editor shows about one alias name: the use or definition at an
// offset, and a plain-words account of whether and why it expands there.
import { AliasDef, Analysis, inDocument, isUnknown, REMOVED, Resolution, Tri, UNDEF, unknownIndex, Use } from './engine';
import { lineAt, placeOf } from './places';
import { verdicts } from './verdicts';

export type Found = { kind: 'use'; use: Use } | { kind: 'def'; def: AliasDef };

/** The alias use or definition (in this document) that covers `offset`. */
export function aliasAt(analysis: Analysis, offset: number): Found | undefined {
  const use = analysis.uses.find((u) => inDocument(analysis, u) && u.start <= offset && offset <= u.end);
  if (use) return { kind: 'use', use };
  const def = analysis.defs.find((d) => inDocument(analysis, d) && d.start <= offset && offset <= d.start + d.name.length);
  return def ? { kind: 'def', def } : undefined;
}

/** The definitions a use could have got, in document order; all of its name when it got none. */
export function definitionsOf(analysis: Analysis, use: Use): AliasDef[] {
  const ids = new Set(use.resolutions.flatMap((r) => r.values.filter((v) => v >= 0)));
  const reached = analysis.defs.filter((d) => ids.has(d.id) && d.start >= 0);
  return reached.length ? reached : analysis.defs.filter((d) => d.name === use.name && d.start >= 0);
}

/** Every use in this document of a definition's name, and whether each expands. */
export function usesOf(analysis: Analysis, name: string): { use: Use; expands: Tri }[] {
  return analysis.uses
    .filter((u) => u.name === name && inDocument(analysis, u))
    .map((use) => ({ use, expands: outcomeOf(use) }));
}

/** Yes if every reading expands, No if none does, Maybe otherwise. */
export function outcomeOf(use: Use): Tri {
  const outs = new Set(use.resolutions.map((r) => r.outcome));
  return outs.size === 1 ? [...outs][0] : Tri.Maybe;
}

/**
 * Nothing read at the use can expand: it is spelt to run the plain command
 * (`\ls`, `command ls`), or stands where the dialect expands nothing (bash's
 * `X=1 3>/dev/null ls`). Rename and references leave it out.
 */
export function bypassesAlias(use: Use): boolean {
  return use.resolutions.every((r) => r.quirk);
}

export type LineOf = (offset: number) => number;

/** Why a use does not expand, in the hover's plain words; undefined when no verdict names a reason. */
export function whyNot(analysis: Analysis, use: Use): string | undefined {
  const v = verdicts(analysis).find((x) => x.use === use);
  return v ? (v.source && SOURCED_REASONS[v.reason]) || REASONS[v.reason] || v.reason : undefined;
}

/** The hover's account of a use in one line: the reason when a verdict has one, else each distinct reading. */
export function reasonOf(analysis: Analysis, use: Use, line: LineOf): string {
  const why = whyNot(analysis, use);
  if (why) return why;
  // the lines read are those of the use's own file
  const text = analysis.sources.get(use.file);
  const own: LineOf = use.file === analysis.file || text === undefined ? line : (offset) => lineAt(text, offset);
  return [...new Set(use.resolutions.map((r) => reading(analysis, r, line, own)))].join('; ');
}

function span(line: LineOf, start: number, end: number): string {
  const a = line(start);
  const b = line(Math.max(start, end - 1));
  return a === b ? `line ${a}` : `lines ${a}–${b}`;
}

const REASONS: Record<string, string> = {
  'expand-aliases-off': 'alias expansion is switched off when this text is read',
  'subshell-alias': 'the alias is defined in a subshell, and never reaches this shell',
  'alias-in-function': 'the alias is defined inside a function, which has not run when this text is read',
  'function-read-before-alias': 'the function holding this use was read before the alias was defined',
  'same-unit': 'the alias is defined in the same line (parse unit) that uses it, which was read before it ran',
  'use-before-definition': 'the use is read before the alias is defined',
};

/** The same, where the definition is in a file the script sources. */
const SOURCED_REASONS: Partial<Record<string, string>> = {
  'subshell-alias': 'the file that defines the alias is sourced only in a subshell, whose aliases never reach this shell',
  'alias-in-function': 'the file that defines the alias is sourced in this function, whose body was read before it ran',
  'same-unit': 'the file that defines the alias is sourced in the same line (parse unit) that uses it, which was read before the `source` ran',
  'use-before-definition': 'the use is read before the file that defines the alias is sourced',
};

function valueText(analysis: Analysis, v: number, line: LineOf): string {
  if (v === UNDEF) return 'not defined';
  if (v === REMOVED) return 'removed by `unalias`';
  if (isUnknown(v)) {
    const u = analysis.unknowns[unknownIndex(v)];
    return `whatever code aliascope cannot follow left (${u ? placeOf(analysis, u, line) : 'unknown place'})`;
  }
  const d = analysis.defs[v];
  return `\`${d.value ?? '…'}\` (defined at ${placeOf(analysis, d, line)})`;
}

function reading(analysis: Analysis, r: Resolution, line: LineOf, readLine: LineOf = line): string {
  const verdict = r.outcome === Tri.Yes ? 'expands' : r.outcome === Tri.No ? 'does **not** expand' : 'may or may not expand';
  const values = [...new Set(r.values)].map((v) => valueText(analysis, v, line)).join(' or ');
  const flag = r.flag === Tri.Yes ? 'on' : r.flag === Tri.No ? 'off' : 'unknown';
  const quirk = r.quirk || r.neverHere ? `; ${analysis.dialect.label} never expands aliases here` : '';
  const lines = span(readLine, r.readStart, r.readEnd);
  return `when ${lines} ${lines.startsWith('lines') ? 'are' : 'is'} read it ${verdict}: the alias is ${values}, expansion is ${flag}${quirk}`;
}

/** Markdown for a hover on an alias use or definition. */
export function explain(analysis: Analysis, found: Found, line: LineOf): string {
  const label = analysis.dialect.label;
  if (found.kind === 'def') {
    const d = found.def;
    const where = d.inFunction ? ` inside \`${d.inFunction.name}\`, so it exists only once \`${d.inFunction.name}\` has run` : '';
    const uses = usesOf(analysis, d.name);
    const expanding = uses.filter((u) => u.expands === Tri.Yes).length;
    return [
      `**alias \`${d.name}\`** = \`${d.value ?? '(known only at run time)'}\``,
      `Defined at line ${line(d.start)}${where}.`,
      uses.length ? `${expanding} of ${uses.length} use${uses.length === 1 ? '' : 's'} expand in ${label}.` : 'No use of it in this file.',
    ].join('\n\n');
  }
  const u = found.use;
  const outcome = outcomeOf(u);
  const head = outcome === Tri.Yes ? 'expands here' : outcome === Tri.No ? 'does **not** expand here' : 'may or may not expand here';
  const parts = [`**alias \`${u.name}\`** ${head} (${label})`];
  const seen = new Set<string>();
  for (const r of u.resolutions) {
    const text = reading(analysis, r, line);
    if (!seen.has(text)) parts.push(`- ${text}`);
    seen.add(text);
  }
  const why = whyNot(analysis, u);
  if (why) parts.push(`Why: ${why}.`);
  if (u.uncertain) parts.push('_This text may be misparsed, so nothing is reported for it._');
  if (analysis.aborted) parts.push('_The analysis ran out of budget on this file, so nothing in it is reported._');
  return parts.join('\n\n');
}
