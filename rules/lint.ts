// Text in, diagnostics and fixes out: the entry point every face uses.
import { BYTE_ORDER_MARK } from './blanks';
import { LineIndex } from './line-index';
import { detectDialect, DialectChoice, DialectId, dialectLabel } from './dialects';
import { analyze, Analysis, ParsedTexts, SourceResolver, Tri } from './engine';
import { applyFixes } from './fixes';
import { errorCount, parse, Tree } from './parse';
import { RULES } from './checks';
import type { Lexed } from './segments';
import type { Diagnostic, FileFacts, Fix, Severity } from './rule';
import { lineAt, placeOf } from './places';
import { Verdict, verdicts } from './verdicts';

export interface LintOptions {
  /** Overrides shebang, directive and extension. */
  dialect?: DialectId;
  filename?: string;
  resolveSource?: SourceResolver;
  /** Sourced files already parsed: one object kept across lint() calls parses a file that many scripts source once. */
  parsedTexts?: ParsedTexts;
  /** Per-rule severity, or 'off'. */
  rules?: Record<string, Severity | 'off'>;
  /** A tree already parsed from exactly this text (the language server's), or a way to get one, asked only if needed. */
  tree?: Tree | (() => Tree);
  /** The text's top-level segments, when another thread lexed them already. */
  segments?: Lexed;
  /** Every gate and fast path of the engine off (slow; to check the gates). */
  exhaustive?: boolean;
  /** What the caller knows of the file on disk (its exec bit, whether another file sources it). */
  file?: FileFacts;
  /** Longer texts are not parsed or analysed (default MAX_ANALYZED_LENGTH). */
  maxLength?: number;
  /**
   * Check each fix by parsing and analysing the fixed text (default true).
   * An editor can skip it while the user types and call `vetFix` when a fix
   * is asked for.
   */
  checkFixes?: boolean;
}

/**
 * The file runs as a script of its own: it has a shebang, or the user chose
 * its dialect. A dotfile (`.functions`, `.exports`) that is not executable is
 * sourced by a shell's startup, shebang or not, and inherits its options.
 */
function standalone(choice: DialectChoice, options: LintOptions): boolean {
  if (choice.source === 'option') return true;
  if (choice.source !== 'shebang') return false;
  const base = (options.filename ?? '').replace(/\\/g, '/').split('/').pop() ?? '';
  return !(base.startsWith('.') && options.file?.executable !== true);
}

export interface LintResult {
  diagnostics: Diagnostic[];
  analysis: Analysis;
  dialect: DialectChoice;
}

/** Larger texts are not analysed by default: no real script comes near, and parsing alone takes seconds. */
export const MAX_ANALYZED_LENGTH = 1 << 20;

export function lint(text: string, options: LintOptions = {}): LintResult {
  const dialect = detectDialect(text, options.filename, options.dialect);
  if (text.length > (options.maxLength ?? MAX_ANALYZED_LENGTH) && !options.tree) {
    const analysis = analyze('', parse(''), { dialect: dialect.dialect });
    return { diagnostics: [], analysis: { ...analysis, text, aborted: true }, dialect };
  }
  // without a tree to reuse, most scripts (those that define no alias) are not even parsed
  const analysis = analyze(text, options.tree ?? (() => parse(text)), {
    dialect: dialect.dialect, filename: options.filename, resolveSource: options.resolveSource, parsedTexts: options.parsedTexts,
    standalone: standalone(dialect, options),
    start: dialect.start,
    segments: options.segments, exhaustive: options.exhaustive,
  });
  const diagnostics = runRules(analysis, dialectLabel(dialect), options.file ?? {}, options.rules);
  if (options.checkFixes !== false) vetFixes(text, analysis, diagnostics, options);
  return { diagnostics, analysis, dialect };
}

/** Every rule's diagnostics on an analysis, in text order. */
function runRules(analysis: Analysis, label: string, file: FileFacts, rules: LintOptions['rules'], keep?: (v: Verdict) => boolean): Diagnostic[] {
  const { text } = analysis;
  const all = verdicts(analysis);
  let lines: LineIndex | undefined; // most scripts have nothing to report: index lines only when asked
  const ctx = {
    analysis,
    verdicts: keep ? all.filter(keep) : all,
    line: (o: number) => (lines ??= new LineIndex(text)).position(o).line + 1,
    place: (x: { file: string; start: number }) => placeOf(analysis, x, (o) => (lines ??= new LineIndex(text)).position(o).line + 1),
    dialectLabel: label,
    file,
  };
  const diagnostics: Diagnostic[] = [];
  for (const rule of RULES) {
    const setting = rules?.[rule.meta.id];
    if (setting === 'off') continue;
    for (const d of rule.check(ctx)) diagnostics.push(setting ? { ...d, severity: setting } : d);
  }
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return diagnostics;
}

/** How a file that another file sources fares there: its diagnostics in that context, and the `source` lines that ran it. */
export interface SourcedResult {
  /** The sourced file's text, as the sourcer's analysis read it. */
  text: string;
  diagnostics: Diagnostic[];
  /** Where the sourcer's analysis ran it: the sourcing file and the offset of the `source` command there. */
  sites: { from: string; at: number; line: number }[];
}

/**
 * The diagnostics of `file`, a file the linted text sources, judged in the
 * state the sourcer has when it runs it: the analysis of the sourcer already
 * read every use in that file with that state. Undefined when the analysis
 * did not run the file (or gave up). Fixes are left out: a fix is worked out
 * and checked where the file is linted on its own.
 */
export function lintSourced(result: LintResult, file: string, options: Pick<LintOptions, 'rules'> = {}): SourcedResult | undefined {
  const { analysis } = result;
  const sites = analysis.sourceSites.filter((s) => s.file === file);
  const text = analysis.sources.get(file);
  const units = analysis.unitsOf(file);
  if (analysis.aborted || !sites.length || text === undefined || !units || file === analysis.file) return undefined;
  let tree: Tree | undefined;
  const view: Analysis = {
    ...analysis, text, file, units,
    get tree() {
      return (tree ??= parse(text));
    },
  };
  // A use in a function the sourcer never calls fails only if someone else
  // calls it, maybe a shell this analysis does not see (a library for the
  // interactive shell, sourced from a script for some of its functions).
  const called = (v: Verdict) => !v.use.inFunction || analysis.called(v.use.inFunction);
  const diagnostics = runRules(view, dialectLabel(result.dialect), { sourced: true }, options.rules, called);
  for (const d of diagnostics) {
    delete d.fix;
    delete d.suggestions;
    delete d.fixRefusal;
  }
  return {
    text, diagnostics,
    sites: sites.map((s) => ({ from: s.from, at: s.at, line: lineAt(analysis.sources.get(s.from) ?? '', s.at) })),
  };
}

const MAX_FIX_CHECKS = 20;

/** What is wrong with a fix: `certain` drops it, otherwise it is kept as a suggestion only. */
export interface FixProblem {
  why: string;
  certain: boolean;
}

/**
 * A fix that writes a carriage return (a line ending of a CRLF file, or one
 * carried in an alias value) puts it at the end of a word, which the shell
 * reads as part of that word: `}\r` closes no function.
 */
const WRITES_CR = 'the rewritten text would hold a carriage return (the file has Windows line endings), which the shell reads as part of the word it ends: `}\\r` closes no function; save the file with Unix line endings first';

/**
 * Keeps a fix for `--fix` only if its result parses no worse and can bring
 * in no clash between an alias and a function; a fix that may clash, because
 * of code the engine cannot follow, becomes a suggestion.
 */
function vetFixes(text: string, analysis: Analysis, diagnostics: Diagnostic[], options: LintOptions): void {
  const verdict = new Map<string, FixProblem | null>();
  let baseErrors: number | undefined;
  const check = (fix: Fix): FixProblem | null => {
    const key = JSON.stringify(fix.edits);
    if (!verdict.has(key)) {
      baseErrors ??= errorCount(analysis.tree);
      // each check parses the whole text again: bound the work per pass
      verdict.set(key, verdict.size < MAX_FIX_CHECKS ? checkFix(text, fix, baseErrors, options)
        : { why: `not checked in this pass: more than ${MAX_FIX_CHECKS} fixes in one file; apply the others first`, certain: true });
    }
    return verdict.get(key)!;
  };
  for (const d of diagnostics) {
    if (d.fix) {
      const problem = check(d.fix);
      if (problem && !problem.certain) d.suggestions = [d.fix, ...(d.suggestions ?? [])];
      if (problem) {
        d.fixRefusal = problem.why;
        delete d.fix;
      }
    }
    if (d.suggestions) {
      d.suggestions = d.suggestions.filter((f) => !check(f)?.certain);
      if (!d.suggestions.length) delete d.suggestions;
    }
  }
}

/** What is wrong with applying a fix to `text`, or null when it is safe. */
export function vetFix(text: string, fix: Fix, options: LintOptions = {}): FixProblem | null {
  const tree = typeof options.tree === 'function' ? options.tree() : options.tree ?? parse(text);
  return checkFix(text, fix, errorCount(tree), options);
}

/**
 * A fix at the very start of a file that starts with a byte order mark: text
 * written before the mark moves it, and text written after it is joined to
 * it, since every shell reads the mark as part of the first word.
 */
const AT_MARK = 'the file starts with a byte order mark, which the shell reads as part of the first word, so the rewritten first line would not run as written; save the file as UTF-8 without a byte order mark first';

function checkFix(text: string, fix: Fix, baseErrors: number, options: LintOptions): FixProblem | null {
  if (fix.edits.some((e) => e.text.includes('\r'))) return { why: WRITES_CR, certain: true };
  if (text.startsWith(BYTE_ORDER_MARK) && fix.edits.some((e) => e.start <= 1)) return { why: AT_MARK, certain: true };
  const fixed = applyFixes(text, [fix]).text;
  const tree = parse(fixed);
  if (errorCount(tree) > baseErrors) return { why: 'the rewritten script would not parse', certain: true };
  const choice = detectDialect(fixed, options.filename, options.dialect);
  const after = analyze(fixed, tree, {
    dialect: choice.dialect, filename: options.filename, resolveSource: options.resolveSource, parsedTexts: options.parsedTexts,
    standalone: standalone(choice, options), watch: fix.defines,
  });
  const clashes = after.clashes.filter((c) => c.resolution.outcome !== Tri.No);
  if (clashes.some((c) => c.resolution.outcome === Tri.Yes && !c.uncertain)) {
    return { why: 'the new function would clash with an alias of the same name', certain: true };
  }
  if (clashes.length) {
    return { why: 'code aliascope cannot follow may define an alias of the same name first, and the new function would then clash with it', certain: false };
  }
  return null;
}
