// Command-line options, with ESLint's names where ESLint has the same idea.
import { DIALECT_IDS, DialectId, RULES_BY_ID } from '../rules';
import type { RuleSetting } from '../host/config';
import { FORMAT_NAMES } from './formats';

export class UsageError extends Error {}

export interface Options {
  patterns: string[];
  stdin: boolean;
  stdinFilename?: string;
  format: string;
  outputFile?: string;
  color?: boolean;
  fix: boolean;
  fixDryRun: boolean;
  config?: string;
  rules: Record<string, RuleSetting>;
  shell?: DialectId;
  sourcePaths: string[];
  ignorePatterns: string[];
  ignore: boolean;
  forceExclude: boolean;
  shard?: { index: number; count: number };
  maxWarnings: number;
  quiet: boolean;
  reportUnused: boolean;
  cache: boolean;
  cacheLocation: string;
  /** Threads that lint, the main one included: a number, or undefined for "decide by the amount of work". */
  concurrency?: number;
  maxFileSize: number;
  explain?: string;
  showUses: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: aliascope [options] [file|dir|glob]...
       aliascope [options] - --stdin-filename PATH < script

Finds shell alias-scoping bugs: aliases used where the shell has not defined
them yet, or will never expand them.

Output:
  -f, --format NAME            ${FORMAT_NAMES.join(', ')} (default: stylish)
  -o, --output-file FILE       Write the report to FILE
      --color, --no-color      Force colour on or off (default: on for a terminal, off with NO_COLOR)
      --quiet                  Report errors only
      --max-warnings N         Exit 1 when there are more than N warnings

Fixing:
      --fix                    Apply fixes to the files
      --fix-dry-run            Compute fixes without writing them (json shows "output")

Configuration:
  -c, --config FILE            Use this .aliascoperc.json instead of looking one up
      --rule ID:SEVERITY       error, warning, info or off; repeatable
  -s, --shell DIALECT          ${DIALECT_IDS.join(', ')}; overrides shebang and extension
  -P, --source-path DIR        Follow \`source\` into DIR (SCRIPTDIR: the script's folder); repeatable
      --report-unused-disable-directives
                               Report aliascope directives that silence nothing

Files:
      --ignore-pattern GLOB    Skip matching files (gitignore syntax); repeatable
      --no-ignore              Lint ignored files too (.gitignore, patterns, config)
      --force-exclude          Apply ignore rules to files named on the command line too
      --stdin-filename PATH    The name to report standard input under
      --shard I/N              Lint only the I-th of N equal shares (for CI matrices)
      --max-file-size SIZE     Skip larger files, e.g. 5M or 800K (default: 5M)

Speed:
      --cache                  Skip files unchanged since the last run
      --cache-location PATH    Where the cache lives; a folder gets .aliascope-cache inside (default: .aliascope-cache)
      --concurrency N|auto|off Threads that lint, the main one included (default: auto)

      --show-uses              Print each script with a mark per alias use (with json: a uses array)
  -e, --explain RULE           Print a rule's documentation
  -v, --version                Print the version
  -h, --help                   Show this help

Exit status: 0 no problems; 1 errors, or more warnings than --max-warnings;
2 a usage, configuration, file or internal error.`;

function size(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?$/.exec(s);
  if (!m) throw new UsageError(`--max-file-size: expected a size such as 5M, 800K or 100000, got "${s}"`);
  return Math.round(Number(m[1]) * { '': 1, k: 1024, m: 1 << 20, g: 1 << 30 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g']);
}

export function parseArgs(argv: string[]): Options {
  const o: Options = {
    patterns: [], stdin: false, format: 'stylish', fix: false, fixDryRun: false, rules: {}, sourcePaths: [],
    ignorePatterns: [], ignore: true, forceExclude: false, maxWarnings: -1, quiet: false, reportUnused: false, cache: false,
    cacheLocation: '.aliascope-cache', maxFileSize: 5 << 20, help: false, version: false, showUses: false,
  };
  const flags: Record<string, (v: () => string) => void> = {
    '--format': (v) => { o.format = v(); },
    '--output-file': (v) => { o.outputFile = v(); },
    '--color': () => { o.color = true; },
    '--no-color': () => { o.color = false; },
    '--quiet': () => { o.quiet = true; },
    '--max-warnings': (v) => {
      const s = v();
      if (!/^-?\d+$/.test(s)) throw new UsageError(`--max-warnings: expected a whole number, got "${s}"`);
      o.maxWarnings = Number(s);
    },
    '--fix': () => { o.fix = true; },
    '--fix-dry-run': () => { o.fixDryRun = true; },
    '--config': (v) => { o.config = v(); },
    '--rule': (v) => {
      for (const item of v().split(',')) {
        const [id, setting] = item.trim().split(':');
        if (!RULES_BY_ID.has(id)) throw new UsageError(`--rule: unknown rule "${id}"; known rules: ${[...RULES_BY_ID.keys()].join(', ')}`);
        if (!['error', 'warning', 'info', 'off'].includes(setting)) throw new UsageError(`--rule ${id}: expected error, warning, info or off after the colon, got "${setting ?? ''}"`);
        o.rules[id] = setting as RuleSetting;
      }
    },
    '--shell': (v) => {
      const s = v();
      if (!DIALECT_IDS.includes(s as DialectId)) throw new UsageError(`--shell: expected one of ${DIALECT_IDS.join(', ')}, got "${s}"`);
      o.shell = s as DialectId;
    },
    '--source-path': (v) => { o.sourcePaths.push(v()); },
    '--report-unused-disable-directives': () => { o.reportUnused = true; },
    '--ignore-pattern': (v) => { o.ignorePatterns.push(v()); },
    '--no-ignore': () => { o.ignore = false; },
    '--force-exclude': () => { o.forceExclude = true; },
    '--stdin-filename': (v) => { o.stdinFilename = v(); },
    '--shard': (v) => {
      const s = v();
      const m = /^(\d+)\/(\d+)$/.exec(s);
      if (!m || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
        throw new UsageError(`--shard: expected I/N with 1 <= I <= N, such as 2/4, got "${s}"`);
      }
      o.shard = { index: Number(m[1]), count: Number(m[2]) };
    },
    '--max-file-size': (v) => { o.maxFileSize = size(v()); },
    '--cache': () => { o.cache = true; },
    '--cache-location': (v) => { o.cacheLocation = v(); },
    '--concurrency': (v) => {
      const s = v();
      if (s === 'auto') o.concurrency = undefined;
      else if (s === 'off') o.concurrency = 1;
      else if (/^\d+$/.test(s)) o.concurrency = Number(s);
      else throw new UsageError(`--concurrency: expected a number, auto or off, got "${s}"`);
    },
    '--explain': (v) => { o.explain = v(); },
    '--show-uses': () => { o.showUses = true; },
    '--version': () => { o.version = true; },
    '--help': () => { o.help = true; },
  };
  const short: Record<string, string> = {
    '-f': '--format', '-o': '--output-file', '-c': '--config', '-s': '--shell', '-P': '--source-path',
    '-e': '--explain', '-v': '--version', '-h': '--help',
  };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    if (onlyPaths || a === '-' || !a.startsWith('-')) {
      if (a === '-' && !onlyPaths) o.stdin = true;
      else o.patterns.push(a);
      continue;
    }
    if (a === '--') { onlyPaths = true; continue; }
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq !== -1) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const name = short[a] ?? a;
    const handler = flags[name];
    if (!handler) throw new UsageError(`unknown option ${a}`);
    handler(() => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
      return argv[++i];
    });
  }
  if (!(FORMAT_NAMES as readonly string[]).includes(o.format)) throw new UsageError(`--format: expected one of ${FORMAT_NAMES.join(', ')}, got "${o.format}"`);
  if (o.stdin && o.fix) throw new UsageError('--fix cannot write to standard input; use --fix-dry-run (with --format json or diff) instead');
  return o;
}
