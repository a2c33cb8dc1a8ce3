// Why a use does not expand. Each failing use gets exactly one reason, so the
// rules that report them never overlap.
import type { AliasDef, Analysis, Use } from './engine';
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

function intendedDef(use: Use, defs: AliasDef[]): AliasDef | undefined {
  const mine = defs.filter((d) => d.name === use.name && d.start >= 0);
  const before = mine.filter((d) => d.start < use.start);
  return before[before.length - 1] ?? mine[0];
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
  const unit = analysis.units.find((u) => u.start <= use.start && use.start < u.end);
  if (unit && def.start >= unit.start && def.start < use.start) return 'same-unit';
  return null;
}

export function verdicts(analysis: Analysis): Verdict[] {
  if (analysis.aborted) return [];
  const out: Verdict[] = [];
  for (const use of analysis.uses) {
    if (!certainMiss(use)) continue;
    const def = intendedDef(use, analysis.defs);
    if (!def) continue;
    const reason = reasonFor(use, def, analysis);
    if (reason) out.push({ use, reason, def });
  }
  return out;
}
