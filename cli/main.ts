// The command line: files in, a report and an exit code out.
import { mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'fs';
import { dirname, resolve } from 'path';
import { describeParser, selectParser } from '../host/parser';
import { RULES, RULES_BY_ID } from '../rules';
import { parseArgs, Options, USAGE, UsageError } from './args';
import { ConfigError, Configs } from '../host/config';
import { ruleDoc } from './explain';
import { describeStatError, findFiles, shard } from './files';
import { loadFormatter } from './formats';
import { displayPath } from './formats/display-path';
import { showUses } from './formats/uses';
import { isExecutable, type FileReport, type FileTask } from './lint-file';
import { exitOnceWritten, write } from './output';
import { lintAll } from './pool';
import { judgeSourcedFiles } from './project';

let version: string | undefined;
/** Read when a run needs it (--version, SARIF, --cache), not on every start. */
const VERSION = (): string => (version ??= JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8')).version as string);

const say = (line: string) => write(2, `aliascope: ${line}\n`);

/** Exit codes as ESLint's: 0 clean, 1 problems, 2 could not do the job. */
export async function main(argv: string[]): Promise<void> {
  try {
    process.exitCode = await run(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      say(`${e.message}\nRun "aliascope --help" for the options.`);
    } else if (e instanceof ConfigError) {
      say(`configuration error: ${e.message}`);
    } else {
      say(`internal error: ${(e as Error).stack ?? e}`);
    }
    process.exitCode = 2;
  }
  exitOnceWritten(process.exitCode);
}

async function run(argv: string[]): Promise<number> {
  const opts = parseArgs(argv);
  if (opts.help) return print(`${USAGE}\n`);
  if (opts.version) return print(`${VERSION()}\n${describeParser(await selectParser())}\n`);
  if (opts.explain !== undefined) {
    const rule = RULES_BY_ID.get(opts.explain);
    if (!rule) throw new UsageError(`--explain: unknown rule "${opts.explain}"; known rules: ${[...RULES_BY_ID.keys()].join(', ')}`);
    return print(ruleDoc(rule.meta));
  }
  const cwd = process.cwd();
  const configs = new Configs(opts.config ? resolve(cwd, opts.config) : undefined);
  let failed = false;

  let tasks: FileTask[];
  // Named files, and standard input: a binary one is an error; one found in a folder is skipped with a note, as ripgrep does.
  let named = (_path: string) => true;
  if (opts.stdin) {
    const path = resolve(cwd, opts.stdinFilename ?? '<stdin>');
    tasks = [{ ...taskFor(path, opts, configs), stdin: readFileSync(0) }];
  } else {
    const found = findFiles(opts.patterns.length ? opts.patterns : ['.'], {
      cwd, ignorePatterns: opts.ignorePatterns, useIgnoreFiles: opts.ignore,
      configIgnores: (p, isDir) => configs.ignores(p, isDir), forceExclude: opts.forceExclude,
    });
    named = (path) => found.named.has(path);
    for (const n of found.notes) say(n);
    for (const e of found.errors) say(e);
    failed = found.errors.length > 0;
    const files = opts.shard ? shard(found.files, cwd, opts.shard.index, opts.shard.count) : found.files;
    tasks = files.map((f) => taskFor(f, opts, configs, found.sizes.get(f)));
  }

  if (opts.outputFile) refuseOutputOverInput(resolve(cwd, opts.outputFile), tasks, opts.outputFile);
  await selectParser();
  const { reports, cacheError } = await lintWithCache(tasks, opts);
  // a file other linted files source is judged where they source it
  if (!opts.stdin) judgeSourcedFiles(tasks, reports);
  if (cacheError) {
    say(cacheError);
    failed = true;
  }
  for (const r of reports) {
    if (!r.error) {
      if (r.fixNote) say(`${displayPath(cwd, r.path)}: some fixes were not applied: ${r.fixNote}`);
      if (r.incomplete) say(`${displayPath(cwd, r.path)}: the analysis stopped early (the file is too large or too intricate), so problems may be missing`);
      continue;
    }
    if (r.binary && !named(r.path)) {
      say(`${displayPath(cwd, r.path)}: skipped: binary file (it contains NUL bytes)`);
      continue;
    }
    say(`${displayPath(cwd, r.path)}: ${r.error}${r.internal ? ' (a bug in aliascope: please report it with this file)' : ''}`);
    failed = true;
  }

  const quiet = (r: FileReport) => (opts.quiet ? { ...r, messages: r.messages.filter((m) => m.severity === 'error') } : r);
  const shown = reports.filter((r) => !r.error).map(quiet);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const color = opts.color ?? (!opts.outputFile && (require('tty') as typeof import('tty')).isatty(1) && !process.env.NO_COLOR);
  const format = opts.showUses && opts.format === 'stylish' ? showUses : loadFormatter(opts.format);
  // SARIF lists the files that could not be linted too, as notifications
  const output = format(opts.format === 'sarif' ? reports.map(quiet) : shown, {
    cwd, color, rules: RULES.map((r) => r.meta), get version() { return VERSION(); },
  });
  if (opts.outputFile) {
    const out = resolve(cwd, opts.outputFile);
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, output);
    } catch (e) {
      say(`--output-file ${opts.outputFile}: ${describeStatError(out, e as NodeJS.ErrnoException)}`);
      return 2;
    }
  } else if (output) {
    write(1, output);
  }

  if (failed) return 2;
  const count = (sev: string) => shown.reduce((n, r) => n + r.messages.filter((m) => m.severity === sev).length, 0);
  if (count('error') > 0) return 1;
  if (opts.maxWarnings >= 0 && count('warning') > opts.maxWarnings) {
    say(`too many warnings (${count('warning')}); at most ${opts.maxWarnings} are allowed (--max-warnings).`);
    return 1;
  }
  return 0;
}

/** A report written over a script it reads would destroy the script: refuse before any work. */
function refuseOutputOverInput(out: string, tasks: FileTask[], given: string): void {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const target = real(out);
  if (tasks.some((t) => !t.stdin && real(t.path) === target)) {
    throw new UsageError(`--output-file ${given}: is one of the files to lint; the report would overwrite it`);
  }
}

function print(text: string): number {
  write(1, text);
  return 0;
}

function taskFor(path: string, opts: Options, configs: Configs, size?: number): FileTask {
  const config = configs.forFile(path);
  Object.assign(config.rules, opts.rules);
  config.sourcePaths.unshift(...opts.sourcePaths.map((p) => (p === 'SCRIPTDIR' ? p : resolve(p))));
  return {
    path, config, shell: opts.shell,
    fix: opts.fix,
    dryRun: opts.fixDryRun || opts.format === 'diff',
    diff: opts.format === 'diff',
    output: (opts.fix || opts.fixDryRun) && opts.format === 'json',
    reportUnused: opts.reportUnused,
    maxFileSize: opts.maxFileSize,
    showUses: opts.showUses,
    size,
  };
}

/** The reports, and one line when the cache could not be written. */
async function lintWithCache(tasks: FileTask[], opts: Options): Promise<{ reports: FileReport[]; cacheError?: string }> {
  if (!opts.cache || opts.stdin || opts.showUses) return { reports: await lintAll(tasks, opts.concurrency) };
  // Loaded only here: hashing brings in `crypto`, a cost every small run would otherwise pay.
  const { cacheFile, LintCache } = require('./cache') as typeof import('./cache');
  const location = resolve(cacheFile(opts.cacheLocation));
  const cache = new LintCache(location, VERSION());
  const reports: FileReport[] = new Array(tasks.length);
  const misses: { i: number; key?: string }[] = [];
  tasks.forEach((t, i) => {
    let key: string | undefined;
    try {
      key = cache.key(t, readFileSync(t.path), isExecutable(statSync(t.path).mode));
    } catch { /* lintFile reports why it cannot be read */ }
    const hit = key && cache.get(t.path, key);
    // A cached report with a fix still to apply is linted again, so --fix can write it.
    if (hit && !(t.fix && hit.messages.some((m) => m.fix))) reports[i] = hit;
    else misses.push({ i, key });
  });
  const fresh = await lintAll(misses.map((m) => tasks[m.i]), opts.concurrency);
  misses.forEach((m, j) => {
    reports[m.i] = fresh[j];
    // A file --fix just rewrote has new bytes: it is keyed afresh on the next run.
    if (m.key && !fresh[j].error && !fresh[j].written) cache.set(tasks[m.i].path, m.key, fresh[j]);
  });
  const failure = cache.save();
  return { reports, cacheError: failure && `--cache-location ${opts.cacheLocation}: cannot write the cache: ${describeStatError(location, failure)}` };
}
