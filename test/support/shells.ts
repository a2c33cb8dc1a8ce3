// Runs scripts in the real shells the dialects model, and reads back which
// marked alias uses expanded. A use is written `qa U7 || echo NX:U7` with
// `alias qa="echo EXP:D3"`: it prints `EXP:D3 U7` when it expanded (D3 names
// the definition; demos print plain `EXP`), `NX:U7` when not. A chain
// `qt qa U7 || echo NX:U7h` with `alias qt="echo CH "` prints `CH qa U7` when
// only qt expanded, `CH echo EXP:D3 U7` when both did, and `NX:U7h` when qt
// did not (then qa was never read as an alias).
import { execFile, spawnSync } from 'child_process';
import { promisify } from 'util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { DialectId } from '../../rules';

export const SHELL_COMMANDS: Record<DialectId, string[]> = {
  bash: ['bash'],
  'bash-posix': ['bash', '--posix'],
  sh: ['dash'],
  busybox: ['busybox', 'sh'],
  zsh: ['zsh'],
  ksh: ['ksh'],
  mksh: ['mksh'],
};

const found = new Map<string, boolean>();
export function hasShell(d: DialectId): boolean {
  const exe = SHELL_COMMANDS[d][0];
  if (!found.has(exe)) found.set(exe, spawnSync('sh', ['-c', `command -v ${exe}`]).status === 0);
  return found.get(exe)!;
}

/** One time a marked use ran: whether it expanded, and which definition's label it printed. */
export interface Observation {
  outcome: 'E' | 'N';
  def?: string;
}

export type Seen = Map<string, Observation[]>;

const OUTPUT = /CH echo EXP(?::(D\d+))? (U\d+)|CH \S+ (U\d+)|EXP(?::(D\d+))? (U\d+)|NX:(U\d+h?)/g;

export function observations(output: string): Seen {
  const seen: Seen = new Map();
  const add = (label: string, outcome: 'E' | 'N', def?: string) => {
    if (!seen.has(label)) seen.set(label, []);
    seen.get(label)!.push(def ? { outcome, def } : { outcome });
  };
  for (const m of output.matchAll(OUTPUT)) {
    if (m[2]) {
      add(`${m[2]}h`, 'E');
      add(m[2], 'E', m[1]);
    } else if (m[3]) {
      add(`${m[3]}h`, 'E');
      add(m[3], 'N');
    } else if (m[5]) {
      add(m[5], 'E', m[4]);
    } else {
      add(m[6], 'N');
    }
  }
  return seen;
}

export interface Script {
  /** main.sh first, then the files it sources. */
  files: Record<string, string>;
}

/**
 * Runs many scripts in one shell, each in a fresh process started from a
 * driver loop, so thousands of runs cost seconds rather than minutes. Only
 * standard output is read: an error message quotes the source, labels included.
 */
export async function runBatch(d: DialectId, scripts: Script[]): Promise<Seen[]> {
  const dir = mkdtempSync(join(tmpdir(), 'aliascope-diff-'));
  try {
    scripts.forEach((s, i) => {
      const sub = join(dir, String(i));
      mkdirSync(sub);
      for (const [name, text] of Object.entries(s.files)) {
        mkdirSync(dirname(join(sub, name)), { recursive: true });
        writeFileSync(join(sub, name), text);
      }
    });
    const cmd = SHELL_COMMANDS[d].map((a) => `'${a}'`).join(' ');
    // a script may end with an error status (bash --posix exits on a top-level return): its output is what counts
    const driver = `for i in $(seq 0 ${scripts.length - 1}); do
  (cd "${dir}/$i" && timeout 5 ${cmd} main.sh </dev/null >out 2>/dev/null)
done; true`;
    await promisify(execFile)('bash', ['-c', driver], { timeout: 900_000, maxBuffer: 1 << 26 });
    return scripts.map((_, i) => observations(readFileSync(join(dir, String(i), 'out'), 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
