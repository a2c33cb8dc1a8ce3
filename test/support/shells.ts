// Runs scripts in the real shells the dialects model, and reads back which
// marked alias uses expanded. A use is written `qa U7 || echo NX:U7` with
// `alias qa="echo EXP"`: it prints `EXP U7` when it expanded, `NX:U7` when not.
import { execFile, spawnSync } from 'child_process';
import { promisify } from 'util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
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

export type Seen = Map<string, ('E' | 'N')[]>;

export function observations(output: string): Seen {
  const seen: Seen = new Map();
  for (const m of output.matchAll(/EXP (U\d+)|NX:(U\d+)/g)) {
    const label = m[1] ?? m[2];
    if (!seen.has(label)) seen.set(label, []);
    seen.get(label)!.push(m[1] ? 'E' : 'N');
  }
  return seen;
}

export interface Script {
  /** main.sh first, then the files it sources. */
  files: Record<string, string>;
}

/**
 * Runs many scripts in one shell, each in a fresh process started from a
 * driver loop, so thousands of runs cost seconds rather than minutes.
 */
export async function runBatch(d: DialectId, scripts: Script[]): Promise<Seen[]> {
  const dir = mkdtempSync(join(tmpdir(), 'aliascope-diff-'));
  try {
    scripts.forEach((s, i) => {
      const sub = join(dir, String(i));
      mkdirSync(sub);
      for (const [name, text] of Object.entries(s.files)) writeFileSync(join(sub, name), text);
    });
    const cmd = SHELL_COMMANDS[d].map((a) => `'${a}'`).join(' ');
    const driver = `for i in $(seq 0 ${scripts.length - 1}); do
  (cd "${dir}/$i" && timeout 5 ${cmd} main.sh </dev/null >out 2>&1)
done`;
    await promisify(execFile)('bash', ['-c', driver], { timeout: 900_000, maxBuffer: 1 << 26 });
    return scripts.map((_, i) => observations(readFileSync(join(dir, String(i), 'out'), 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
