// The linted files as one project: a file that other linted files source is
// judged in the state each of them has at its `source` line, not as if it
// ran on its own (see docs/sources.md).
//
// Each file's report notes the files its analysis ran through `source`
// (`read`) and how each of them fares in its state (`contexts`): the uses of
// a sourced file were all read in that state already, so judging them costs
// no second analysis. Here the reports of the linted files that other linted
// files source are replaced by what holds in every such context.
import { dirname, relative } from 'path';
import { judgeInContexts, mayBeSourced, namedByOthers } from '../host/contexts';
import type { UseReport } from '../rules';
import type { ContextReport, FileReport, FileTask, Message } from './lint-file';

/** A message's place and rule: the same finding in two runs has one key. */
const keyOf = (m: Message): string => `${m.ruleId}\u0000${m.line}:${m.column}-${m.endLine}:${m.endColumn}`;

/**
 * Replaces the report of each linted file that other linted files source by
 * what holds in every context it is sourced in. `reports[i]` is the report of
 * `tasks[i]`.
 */
export function judgeSourcedFiles(tasks: FileTask[], reports: FileReport[]): void {
  const index = new Map(tasks.map((t, i) => [t.path, i]));
  /** Linted file → the linted files whose analysis ran it. */
  const sourcers = new Map<string, string[]>();
  reports.forEach((r, i) => {
    for (const f of r.read ?? []) {
      if (!index.has(f) || f === tasks[i].path) continue;
      if (!sourcers.has(f)) sourcers.set(f, []);
      sourcers.get(f)!.push(tasks[i].path);
    }
  });
  // a file that a linted file may source by name, from a folder known only at run time
  const named = namedByOthers(reports.flatMap((r, i): [string, string[]][] => (r.sourcedNames ? [[tasks[i].path, r.sourcedNames]] : [])));
  reports.forEach((r, i) => {
    const path = tasks[i].path;
    const naming = sourcers.has(path) ? null : named(path);
    // a glob names every file it matches, scripts run on their own among them: only a name says the file is a library
    if (naming) reports[i] = { ...r, messages: mayBeSourced(r.messages, (m) => m.ruleId, naming === 'name' && r.executable === false) };
  });
  if (!sourcers.size) return;
  // A sourcer that is itself sourced by a linted file is not where the file
  // really runs from: its own sourcer's run reads the file too, in the state
  // the program really has. Without such a sourcer (a cycle), every one counts.
  const contexts = new Map<string, string[]>();
  for (const [f, by] of sourcers) {
    const roots = by.filter((s) => !sourcers.has(s));
    contexts.set(f, roots.length ? roots : by);
  }
  // a root that sources the file without being modelled runs it with no alias defined
  const unmodelled = new Set<string>();
  reports.forEach((r, i) => {
    if (sourcers.has(tasks[i].path)) return;
    for (const f of r.sourcesUnmodelled ?? []) if (sourcers.has(f)) unmodelled.add(f);
  });
  const seen = new Map<string, ContextReport[]>();
  for (const [f, by] of contexts) {
    for (const s of by) {
      const r = reports[index.get(s)!];
      if (r.error || r.incomplete) continue;
      const c = r.contexts?.find((x) => x.path === f);
      if (c) seen.set(f, [...(seen.get(f) ?? []), c]);
    }
  }
  for (const f of sourcers.keys()) {
    const i = index.get(f)!;
    reports[i] = judged(reports[i], seen.get(f) ?? [], unmodelled.has(f));
  }
}

/** A sourced file's report: what holds in every context it ran in (host/contexts.ts). */
function judged(own: FileReport, contexts: ContextReport[], unmodelledSourcer: boolean): FileReport {
  if (own.error) return own;
  const messages = judgeInContexts(own.messages, own.dialect ?? '', contexts.map((c) => ({
    findings: c.messages, sites: c.sites.map((s) => `${relativeTo(own.path, s.from)} line ${s.line}`), dialect: c.dialect,
  })), {
    key: keyOf, ruleId: (m) => m.ruleId, message: (m) => m.message, named: (m, where) => ({ ...m, message: `${m.message} (${where})` }),
  });
  messages.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { ...own, messages, ...(own.uses ? { uses: usesInContexts(own.uses, contexts, unmodelledSourcer) } : {}) };
}

/**
 * With --show-uses, a sourced file's uses as the contexts read them: a use
 * expands, or gets a definition, only if every context agrees, and not at
 * all when a sourcer was not modelled (it defines no alias, unless code
 * aliascope cannot follow does); one that no context read keeps its own run's verdict.
 */
function usesInContexts(own: UseReport[], contexts: ContextReport[], unmodelledSourcer: boolean): UseReport[] {
  const read = new Map<number, UseReport[]>();
  for (const c of contexts) for (const u of c.uses ?? []) read.set(u.start, [...(read.get(u.start) ?? []), u]);
  if (read.size === 0) return own;
  const same = <T>(xs: T[]): T | null => (xs.every((x) => JSON.stringify(x) === JSON.stringify(xs[0])) ? xs[0] : null);
  const merged = [...read.values()].map((readings): UseReport => {
    // the unmodelled sourcer may still run code aliascope cannot follow: no verdict for it
    const expands = same([...readings.map((u) => u.expands), ...(unmodelledSourcer ? [null] : [])]);
    return {
      ...readings[0], expands,
      definition: expands ? same(readings.map((u) => u.definition)) : null,
      reason: [...new Set(readings.map((u) => u.reason))].join('; '),
    };
  });
  return [...merged, ...own.filter((u) => !read.has(u.start))].sort((a, b) => a.start - b.start);
}

/** `to` as seen from the folder of `from`. */
function relativeTo(from: string, to: string): string {
  return relative(dirname(from), to) || to;
}
