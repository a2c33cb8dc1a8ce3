// Why a use does not expand. Each failing use gets exactly one reason, so the
// rules that report them never overlap.
import { defsNamed } from './engine';
import type { AliasDef, Analysis, Use } from './engine';
import type { Unit } from './units';
import type { SyntaxNode } from './parse';
import { REMOVED, UNDEF, UNKNOWN } from './state';

export type Reason =
  | 'expand-aliases-off'
  | 'subshell-alias'
  | 'alias-in-function'
  | 'function-read-before-alias'
  | 'same-unit'
  | 'use-before-definition';

export interface Verdict {
  use: Use;
  reason: Reason;
  /** The definition the author most likely meant. */
  def: AliasDef;
}

/** A use that certainly does not expand, and that the engine fully understood. */
function certainMiss(use: Use): boolean {
  if (use.uncertain || use.resolutions.length === 0) return false;
  return use.resolutions.every((r) => r.outcome === 0 && !r.quirk
    && !r.values.includes(REMOVED) && !r.values.includes(UNKNOWN));
}

/** The innermost node that runs its content in a subshell. */
function subshellOf(node: SyntaxNode | null): SyntaxNode | null {
  for (let n = node; n && n.parent; n = n.parent) {
    const p: SyntaxNode = n.parent;
    if (p.type === 'subshell' || p.type === 'command_substitution' || p.type === 'process_substitution') return p;
    if (p.type === 'pipeline') return n;
    if (n.nextSibling?.type === '&') return n;
  }
  return null;
}

function within(node: SyntaxNode, start: number, base = 0): boolean {
  return node.startIndex + base <= start && start < node.endIndex + base;
}

function intendedDef(use: Use, analysis: Analysis): AliasDef | undefined {
  const mine = defsNamed(analysis, use.name);
  let best: AliasDef | undefined;
  for (const d of mine) if (d.start < use.start) best = d;
  return best ?? mine[0];
}

/** The parse unit holding an offset (units are in text order). */
function unitAt(analysis: Analysis, offset: number): Unit | undefined {
  const units = analysis.units;
  let lo = 0;
  let hi = units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid].end <= offset) lo = mid + 1;
    else if (units[mid].start > offset) hi = mid - 1;
    else return units[mid];
  }
  return undefined;
}

function reasonFor(use: Use, def: AliasDef, analysis: Analysis): Reason | null {
  const everyValueDefined = use.resolutions.every((r) => r.values.every((v) => v >= 0));
  const flagOff = use.resolutions.every((r) => r.flag === 0);
  if (flagOff && !use.resolutions.every((r) => r.values.every((v) => v === UNDEF))) return 'expand-aliases-off';
  if (everyValueDefined) return null;
  const decorates = def.value !== null && /^\s*(\S+)/.exec(def.value)?.[1] === use.name;
  // `alias x=x` changes nothing, expanded or not
  if (def.value !== null && def.value.trim() === use.name) return null;
  const fn = def.inFunction;
  // a use written before the definition, outside functions: only a bug when
  // the plain command is not what the alias decorates (`k` vs `alias k=kubectl`)
  if (use.start < def.start && !use.inFunction && !fn) return decorates ? null : 'use-before-definition';
  const shell = subshellOf(def.command);
  if (def.subshellRuns > 0 && def.shellRuns === 0 && shell && !within(shell, use.start, def.base)) return 'subshell-alias';
  if (fn && within(fn.body, use.start, fn.src.base ?? 0)) return 'alias-in-function';
  if (use.inFunction && use.inFunction !== fn) return 'function-read-before-alias';
  if (fn) return 'alias-in-function';
  // an unalias between the definition and the use says the author wanted it gone
  const lo = Math.min(def.start, use.start);
  const hi = Math.max(def.start, use.start);
  if (analysis.unaliases.some((u) => u.at > lo && u.at < hi && (u.name === use.name || u.name === '-a' || u.name === null))) return null;
  const unit = unitAt(analysis, use.start);
  if (unit && def.start >= unit.start && def.start < use.start) return 'same-unit';
  return null;
}

export function verdicts(analysis: Analysis): Verdict[] {
  if (analysis.aborted) return [];
  const out: Verdict[] = [];
  for (const use of analysis.uses) {
    if (!certainMiss(use)) continue;
    const def = intendedDef(use, analysis);
    if (!def) continue;
    const reason = reasonFor(use, def, analysis);
    if (reason) out.push({ use, reason, def });
  }
  return out;
}
