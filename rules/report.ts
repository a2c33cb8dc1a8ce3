// Shared pieces of the rules that report failing uses.
import { inDocument, Tri, UnknownCode } from './engine';
import { FixOffer, fixForUse, wrapperFix } from './fixes';
import type { Diagnostic, Related, RuleContext, RuleMeta } from './rule';
import type { Reason, Verdict } from './verdicts';

export function lines(ctx: RuleContext, start: number, end: number): string {
  const a = ctx.line(start);
  const b = ctx.line(Math.max(start, end - 1));
  return a === b ? `line ${a}` : `lines ${a}–${b}`;
}

/** "line 4 is" or "lines 4–7 are": the lines read at once, as a subject. */
function readTogether(ctx: RuleContext, start: number, end: number): string {
  const span = lines(ctx, start, end);
  return `${span} ${span.startsWith('lines') ? 'are' : 'is'} read at once`;
}

const UNKNOWN_CODE: Record<UnknownCode['what'], string> = {
  source: 'a `source` of a file aliascope cannot read',
  eval: 'an `eval` of a string aliascope cannot follow',
  trap: 'a `trap` whose handler runs at a time aliascope cannot know',
  unalias: 'an `unalias` of a name aliascope cannot know',
  alias: 'an `alias` command whose name aliascope cannot know',
  'alias-array': 'a write to the shell\'s alias array',
  misparsed: 'text aliascope cannot parse',
  depth: 'code nested deeper than aliascope follows',
  loop: 'a loop whose later rounds aliascope does not model',
  'function-keyword': 'a `function name` definition, which this shell does not have: it runs the body\'s lines one by one and stops at the `}`',
  startup: 'the startup files that `-i` in the shebang makes the shell read first',
  'alias-value': 'an alias whose value may change aliases or options',
};

/** Where code the engine could not follow is, in words. */
export function unknownCode(ctx: RuleContext, u: UnknownCode): string {
  const arrays = u.what === 'alias-array' ? ` ${ctx.analysis.dialect.aliasArrays.map(code).join(' or ')}` : '';
  return `${UNKNOWN_CODE[u.what]}${arrays} (${ctx.place(u)})`;
}

/**
 * What the shell runs for the use in place of the definition it misses: the
 * command, or an earlier definition still in effect (`named` names the command).
 */
export function runs(ctx: RuleContext, v: Verdict, named = false): string {
  const command = named ? `the command ${code(v.use.name)}` : 'the command';
  // what code aliascope cannot follow may have defined is said after (instead)
  if (!v.olderDefs.length && v.unknowns.length) return `${ctx.dialectLabel} does not run this alias`;
  if (!v.olderDefs.length) return `${ctx.dialectLabel} runs ${command}, not the alias`;
  const where = v.olderDefs.map((d) => ctx.place(d)).join(' or ');
  const plainToo = v.use.resolutions.some((r) => r.outcome !== Tri.Yes);
  return `${ctx.dialectLabel} runs ${plainToo ? `${command} or ` : ''}the earlier definition from ${where}, not this one`;
}

/**
 * What the use may run instead, that the engine cannot see: a definition
 * that code it could not follow may have made. Empty when there is none.
 */
export function instead(ctx: RuleContext, v: Verdict): string {
  if (!v.unknowns.length) return '';
  const named = v.unknowns.slice(0, NAMED_UNKNOWNS).map((u) => unknownCode(ctx, u));
  const rest = v.unknowns.length - named.length;
  const what = named.join(', or ') + (rest ? `, or ${rest} more place${rest === 1 ? '' : 's'} aliascope cannot follow` : '');
  return ` ${capitalize(what)} may have defined ${code(v.use.name)} before; the use would then run that definition, still not this one.`;
}

/** A message names this many places of unknown code; the related locations list them all. */
const NAMED_UNKNOWNS = 2;

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function related(ctx: RuleContext, v: Verdict): Related[] {
  const out: Related[] = inDocument(ctx.analysis, v.def) ? [{ start: v.def.start, end: v.def.end, message: `alias \`${v.def.name}\` is defined here` }] : [];
  if (v.source) out.push({ ...v.source, message: `this runs the file that defines alias \`${v.def.name}\`` });
  const r = v.use.resolutions[0];
  out.push({ start: r.readStart, end: r.readEnd, message: readTogether(ctx, r.readStart, r.readEnd) });
  for (const u of v.unknowns) {
    if (inDocument(ctx.analysis, u)) out.push({ start: u.start, end: u.end, message: `${UNKNOWN_CODE[u.what]}: it may have defined \`${v.use.name}\`` });
  }
  return out;
}

/** The wrapper fix of each definition, worked out once however many uses it fails. */
const fixes = new WeakMap<Verdict['def'], ReturnType<typeof wrapperFix>>();

const reported = new WeakMap<Verdict[], Set<Verdict['use']>>();

/** The uses some rule reports. */
function reportedUses(ctx: RuleContext): ReadonlySet<Verdict['use']> {
  let set = reported.get(ctx.verdicts);
  if (!set) reported.set(ctx.verdicts, (set = new Set(ctx.verdicts.map((v) => v.use))));
  return set;
}

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
      ruleId: meta.id, severity: meta.severity, message: message(v) + instead(ctx, v),
      start: v.use.start, end: v.use.end, related: related(ctx, v),
      // (a directive there silences this report too; another file's offsets are not places here)
      ...(inDocument(ctx.analysis, v.def) ? { definition: { start: v.def.start, end: v.def.end } } : {}),
    };
    if (withFix) {
      fixWhenRead(d, () => {
        let w = fixes.get(v.def);
        if (!w) fixes.set(v.def, (w = wrapperFix(v.def, ctx.analysis)));
        return fixForUse(v, ctx.analysis, w, reportedUses(ctx));
      });
    }
    return d;
  });
}

const FIX_KEYS = ['fix', 'suggestions', 'fixRefusal'] as const;

/**
 * Gives a diagnostic its fix, suggestions and refusal when one of them is
 * first read or written: working a fix out costs a parse, and an editor shows
 * diagnostics long before, if ever, it asks for their fixes. A key deleted
 * before then stays deleted.
 */
function fixWhenRead(d: Diagnostic, offer: () => FixOffer): void {
  const settle = (): void => {
    // the keys still waiting: a diagnostic's own data has no getters
    const pending = FIX_KEYS.filter((key) => Object.getOwnPropertyDescriptor(d, key)?.get !== undefined);
    for (const key of pending) delete d[key];
    const f = offer();
    const found: Pick<Diagnostic, typeof FIX_KEYS[number]> = 'fix' in f ? { fix: f.fix }
      : 'suggestion' in f ? { suggestions: [f.suggestion], fixRefusal: f.why } : { fixRefusal: f.refusal };
    for (const key of pending) if (found[key] !== undefined) Object.assign(d, { [key]: found[key] });
  };
  for (const key of FIX_KEYS) {
    Object.defineProperty(d, key, {
      get() {
        settle();
        return d[key];
      },
      set(value) {
        settle();
        Object.defineProperty(d, key, { value, writable: true, enumerable: true, configurable: true });
      },
      enumerable: true,
      configurable: true,
    });
  }
}

export const code = (s: string): string => `\`${s}\``;

/** Commands longer than this are named by their first word. */
const QUOTED_COMMAND = 60;

/** The `source` command a verdict on another file's definition is judged against, as the message names it. */
export function sourceCommand(ctx: RuleContext, v: Verdict): string {
  const text = ctx.analysis.text.slice(v.source!.start, v.source!.end);
  return text.length <= QUOTED_COMMAND && !text.includes('\n') ? code(text) : `the ${code(text.split(/\s/)[0])} command`;
}
