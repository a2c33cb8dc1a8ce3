// ShellCheck on planted files, in batches over every core: which alias
// findings (SC2262 at a definition, SC2263 at a use) it reports where.
import { spawn, spawnSync } from 'child_process';
import { availableParallelism } from 'os';

const ALIAS_CODES = new Set([2262, 2263]);
const BATCH = 16;

export function shellcheckVersion(): string | undefined {
  const r = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? /version: (\S+)/.exec(r.stdout)?.[1] : undefined;
}

/** "file:line:column" (1-based, as ShellCheck counts) of every alias finding, for files grouped by `--shell`. */
export async function shellcheckAliasFindings(files: { path: string; shell: 'bash' | 'sh' }[]): Promise<Set<string>> {
  const batches: { shell: string; paths: string[] }[] = [];
  for (const shell of ['bash', 'sh'] as const) {
    const paths = files.filter((f) => f.shell === shell).map((f) => f.path);
    for (let i = 0; i < paths.length; i += BATCH) batches.push({ shell, paths: paths.slice(i, i + BATCH) });
  }
  const found = new Set<string>();
  const run = (b: { shell: string; paths: string[] }) => new Promise<void>((done) => {
    const child = spawn('shellcheck', ['-f', 'json1', '-s', b.shell, ...b.paths]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', () => {
      try {
        for (const c of JSON.parse(out).comments) if (ALIAS_CODES.has(c.code)) found.add(`${c.file}:${c.line}:${c.column}`);
      } catch { /* a batch ShellCheck could not read counts as nothing found */ }
      done();
    });
  });
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await run(batches[next++]);
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
  return found;
}
