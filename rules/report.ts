// Shared pieces of the rules that report failing uses.
import { wrapperFix } from './fixes';
import type { Diagnostic, Related, RuleContext, RuleMeta } from './rule';
import type { Reason, Verdict } from './verdicts';

export function lines(ctx: RuleContext, start: number, end: number): string {
  const a = ctx.line(start);
  const b = ctx.line(Math.max(start, end - 1));
  return a === b ? `line ${a}` : `lines ${a}–${b}`;
}

export function related(ctx: RuleContext, v: Verdict): Related[] {
  const out: Related[] = [{ start: v.def.start, end: v.def.end, message: `alias \`${v.def.name}\` is defined here` }];
  const r = v.use.resolutions[0];
  out.push({ start: r.readStart, end: r.readEnd, message: `${lines(ctx, r.readStart, r.readEnd)} are read at once` });
  return out;
}

/** The wrapper fix of each definition, worked out once however many uses it fails. */
const fixes = new WeakMap<Verdict['def'], ReturnType<typeof wrapperFix>>();

/** One diagnostic per use whose reason is `reason`, with the wrapper fix where it helps. */
export function reportUses(
  ctx: RuleContext,
  meta: RuleMeta,
  reason: Reason,
  message: (v: Verdict) => string,
  withFix: boolean,
): Diagnostic[] {
  return ctx.verdicts.filter((v) => v.reason === reason).map((v) => {
    const d: Diagnostic = {
      ruleId: meta.id, severity: meta.severity, message: message(v),
      start: v.use.start, end: v.use.end, related: related(ctx, v),
    };
    if (withFix) {
      let f = fixes.get(v.def);
      if (!f) fixes.set(v.def, (f = wrapperFix(v.def, ctx.analysis)));
      if ('fix' in f) d.fix = f.fix;
      else d.fixRefusal = f.refusal;
    }
    return d;
  });
}

export const code = (s: string): string => `\`${s}\``;
