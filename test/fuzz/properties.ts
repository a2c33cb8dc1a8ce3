// The properties every input must keep, in every dialect:
//   no exception escapes lint or fixAll;
//   no lint call takes more than 2 s of CPU;
//   every offered fix applies cleanly (edits in bounds, not overlapping) and
//   the text it yields parses no worse than the input, alone and all together;
//   fixing is idempotent: fixAll(fixAll(x)) === fixAll(x).
// Memory is watched by the runner (pool.ts), across inputs.
import { applyFixes, errorCount, lint, parse } from '../../rules';
import { fixAll } from '../support/fix';
import type { Diagnostic, Fix, LintOptions } from '../../rules';
import type { FuzzInput } from './generators';

/**
 * The limit per lint call, in CPU time of the fuzz process (V8's compiler and
 * collector threads included): on a loaded machine (CI runs the shell suites
 * beside this one) wall time stretched a 0.3 s call past 2 s, while CPU time
 * leaves out the other processes' work.
 */
export const TIME_LIMIT_MS = 2000;

export type Property = 'exception' | 'time' | 'range' | 'fix-edits' | 'fix-parses' | 'fix-all-parses' | 'idempotent';

export interface Failure {
  property: Property;
  message: string;
}

export interface CheckResult {
  failures: Failure[];
  /** The slowest lint call on this input, in ms of CPU, after a retry when over the limit. */
  lintMs: number;
  /** The slowest fixAll call, per lint pass it made, in ms of CPU. */
  fixPassMs: number;
  diagnostics: number;
  fixes: number;
}

function describe(e: unknown): string {
  const err = e as Error;
  const stack = (err?.stack ?? String(e)).split('\n').slice(0, 6).join('\n');
  return stack.length > 1500 ? `${stack.slice(0, 1500)}…` : stack;
}

/** `f`'s value and the CPU time (user and system) the process spent on it. */
function timed<T>(f: () => T): { value: T; ms: number } {
  const start = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}

/** Why a fix's edits cannot apply cleanly to `text`, or null. */
export function editProblem(text: string, fix: Fix): string | null {
  if (!Array.isArray(fix.edits) || fix.edits.length === 0) return 'the fix has no edits';
  for (const e of fix.edits) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || typeof e.text !== 'string') return `malformed edit ${JSON.stringify(e)}`;
    if (e.start < 0 || e.end < e.start || e.end > text.length) return `edit [${e.start}, ${e.end}) outside the text of length ${text.length}`;
  }
  const sorted = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (b.start < a.end || (a.start === b.start && (a.start === a.end || b.start === b.end))) {
      return `edits [${a.start}, ${a.end}) and [${b.start}, ${b.end}) overlap`;
    }
  }
  return null;
}

/** The text of one fix applied alone, edit by edit, independently of applyFixes. */
function applyAlone(text: string, fix: Fix): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function rangeProblem(text: string, d: Diagnostic): string | null {
  const bad = (s: number, e: number) => !Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e < s || e > text.length;
  if (bad(d.start, d.end)) return `${d.ruleId} reports [${d.start}, ${d.end}) in a text of length ${text.length}`;
  const r = (d.related ?? []).find((x) => bad(x.start, x.end));
  return r ? `${d.ruleId} relates [${r.start}, ${r.end}) in a text of length ${text.length}` : null;
}

export function optionsFor(input: FuzzInput): LintOptions {
  const files = input.files;
  return {
    dialect: input.dialect,
    resolveSource: files ? (p) => {
      const base = p.split('/').pop() ?? p;
      return base in files ? { text: files[base], name: base } : undefined;
    } : undefined,
  };
}

/** Runs every property on one input. Never throws. */
export function check(input: FuzzInput): CheckResult {
  const { text } = input;
  const options = optionsFor(input);
  const result: CheckResult = { failures: [], lintMs: 0, fixPassMs: 0, diagnostics: 0, fixes: 0 };
  const fail = (property: Property, message: string) => result.failures.push({ property, message });

  let diagnostics: Diagnostic[];
  try {
    const first = timed(() => lint(text, options));
    diagnostics = first.value.diagnostics;
    result.lintMs = first.ms;
    // A first sight compiles code and grows the heap: a slow input stays slow on a second try.
    if (first.ms > TIME_LIMIT_MS) result.lintMs = Math.min(first.ms, timed(() => lint(text, options)).ms);
  } catch (e) {
    fail('exception', `lint threw: ${describe(e)}`);
    return result;
  }
  if (result.lintMs > TIME_LIMIT_MS) fail('time', `lint took ${Math.round(result.lintMs)} ms of CPU (limit ${TIME_LIMIT_MS} ms)`);
  result.diagnostics = diagnostics.length;

  for (const d of diagnostics) {
    const problem = rangeProblem(text, d);
    if (problem) {
      fail('range', problem);
      break;
    }
  }

  const fixes = new Map<string, Fix>();
  for (const d of diagnostics) if (d.fix) fixes.set(JSON.stringify(d.fix.edits), d.fix);
  result.fixes = fixes.size;
  if (fixes.size === 0) return result; // fixAll would return the text unchanged after one lint

  let baseErrors: number;
  try {
    baseErrors = errorCount(parse(text));
    for (const fix of fixes.values()) {
      const problem = editProblem(text, fix);
      if (problem) {
        fail('fix-edits', `"${fix.title}": ${problem}`);
        continue;
      }
      const applied = applyFixes(text, [fix]);
      const expected = applyAlone(text, fix);
      if (applied.applied !== 1 || applied.text !== expected) {
        fail('fix-edits', `"${fix.title}": applyFixes applied ${applied.applied} fix(es) and gave other text than the edits`);
        continue;
      }
      const errors = errorCount(parse(applied.text));
      if (errors > baseErrors) fail('fix-parses', `"${fix.title}": ${baseErrors} parse errors before, ${errors} after`);
    }
  } catch (e) {
    fail('exception', `applying a fix threw: ${describe(e)}`);
    return result;
  }

  try {
    const once = timed(() => fixAll(text, options));
    const twice = timed(() => fixAll(once.value.text, options));
    result.fixPassMs = Math.max(once.ms / (once.value.passes + 1), twice.ms / (twice.value.passes + 1));
    const errors = errorCount(parse(once.value.text));
    if (errors > baseErrors) fail('fix-all-parses', `fixAll: ${baseErrors} parse errors before, ${errors} after`);
    if (twice.value.text !== once.value.text) {
      fail('idempotent', `fixAll changed its own output again (${once.value.passes} passes, then ${twice.value.passes} more)`);
    }
  } catch (e) {
    fail('exception', `fixAll threw: ${describe(e)}`);
  }
  return result;
}
