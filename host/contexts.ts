// What the command line and the server report for a file that other files
// source: the findings of its rules that hold in every context it is sourced
// in (docs/sources.md). Generic over the shape of a finding, since the command
// line compares lines and columns and the server offsets.
import { basename } from 'path';
import { ANALYSIS_INCOMPLETE } from '../rules';

/** How to read a finding. */
export interface Findings<T> {
  /** Its place and rule: the same finding in two runs has one key. */
  key(t: T): string;
  ruleId(t: T): string;
  message(t: T): string;
  /** The finding as seen only from the sourcers, with their `source` lines named. */
  named(t: T, where: string): T;
}

/** The rule whose findings a file that is sourced does not have: its aliases outlive it. */
const DIES_WITH_SCRIPT = 'alias-dies-with-script';

/** Rules whose findings depend on the state the file starts in (bash's `expand_aliases`), which a sourcing shell sets. */
const ENTRY_STATE = new Set(['expand-aliases-off', 'alias-never-expands']);

/**
 * The findings of a file that other files source, or may (from a folder known
 * only at run time: `. "$OS/bash_colors"`, rules' `sourcedNames`), judged on
 * its own: all but that its aliases die with it. When it runs only where it is
 * sourced (`onlySourced`: files seen here certainly source it, or one names it
 * and it has no exec bit), it starts in the state of a shell not seen here, as
 * a file with no shebang does, and what depends on that state is not known either.
 */
export function mayBeSourced<T>(own: T[], ruleId: (t: T) => string, onlySourced: boolean): T[] {
  return own.filter((t) => ruleId(t) !== DIES_WITH_SCRIPT && !(onlySourced && ENTRY_STATE.has(ruleId(t))));
}

/** How other files may source a file from a run-time folder: by its own name, or only by a glob its name matches. */
export type Naming = 'name' | 'glob';

/**
 * Given each file with the file names its `source` commands read from a
 * run-time folder (rules' `sourcedNames`, globs such as `*.sh` among them): how another of them may source
 * the file at a path, or null when none may.
 */
export function namedByOthers(named: Iterable<[string, Iterable<string>]>): (path: string) => Naming | null {
  const byName = new Map<string, Set<string>>();
  for (const [from, names] of named) {
    for (const name of names) {
      let namers = byName.get(name);
      if (!namers) byName.set(name, (namers = new Set()));
      namers.add(from);
    }
  }
  // a loop over a glob names every file its pattern matches (`*.sh`)
  const patterns = [...byName].filter(([name]) => /[*?]/.test(name))
    .map(([name, namers]): [RegExp, Set<string>] => [new RegExp(`^${name.replace(/[.+]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`), namers]);
  const other = (path: string) => (from: string) => from !== path;
  return (path) => {
    const file = basename(path);
    if ([...byName.get(file) ?? []].some(other(path))) return 'name';
    return patterns.some(([re, namers]) => re.test(file) && [...namers].some(other(path))) ? 'glob' : null;
  };
}

/** Rules whose reports do not come from the analysis: they stay as the file's own run gave them. */
const OWN = new Set(['directive', ANALYSIS_INCOMPLETE, 'file-size']);

/**
 * A sourced file's findings: those of its rules that hold in every context
 * (each a list of findings, and the places that source it there, as "main.sh
 * line 3"), taken from its own run where that run has them too (with their
 * fixes), words them as every context does (a use that runs the sourcer's
 * alias does not run the plain command) and read the file in the same dialect
 * as every sourcer (a file with no shebang that bash scripts source is bash,
 * not sh); with no context, its own run. A finding names the places that
 * source the file in the shell its wording names. Either way the file is
 * sourced, so its aliases do not die with it.
 */
export function judgeInContexts<T>(own: T[], ownDialect: string, contexts: { findings: T[]; sites: string[]; dialect: string }[], f: Findings<T>): T[] {
  if (!contexts.length) return mayBeSourced(own, f.ruleId, true);
  const ownByKey = new Map(contexts.every((c) => c.dialect === ownDialect) ? own.map((t) => [f.key(t), t]) : []);
  const everywhere = contexts.slice(1).map((c) => new Set(c.findings.map((t) => f.key(t))));
  const worded = contexts.map((c) => new Map(c.findings.map((t) => [f.key(t), f.message(t)])));
  const ownIfSo = (key: string): T | undefined => {
    const mine = ownByKey.get(key);
    return mine && worded.every((w) => w.get(key) === f.message(mine)) ? mine : undefined;
  };
  // the first context's wording names its shell: only the places that source the file in that shell
  const named = [...new Set(contexts.filter((c) => c.dialect === contexts[0].dialect).flatMap((c) => c.sites))];
  const where = `when sourced from ${named.slice(0, 3).join(', ')}${named.length > 3 ? ` and ${named.length - 3} more places` : ''}`;
  const out: T[] = [];
  for (const t of contexts[0].findings) {
    const key = f.key(t);
    if (f.ruleId(t) === DIES_WITH_SCRIPT || OWN.has(f.ruleId(t)) || !everywhere.every((s) => s.has(key))) continue;
    out.push(ownIfSo(key) ?? f.named(t, where));
  }
  out.push(...own.filter((t) => OWN.has(f.ruleId(t))));
  return out;
}
