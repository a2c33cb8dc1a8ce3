// The scripts bench:lsp opens: the largest real shell script found on this
// machine, and a generated 10,000-line one that uses aliases throughout.
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';

const SEARCH = ['/usr/share', '/usr/lib', '/usr/bin', '/usr/sbin', '/etc'];

/** BENCH_FILE, else the biggest `*.sh`/`*.bash` (up to 2 MB) under the system folders. */
export function largestRealScript(): { path: string; text: string } | undefined {
  const chosen = process.env.BENCH_FILE;
  if (chosen) return { path: chosen, text: readFileSync(chosen, 'utf8') };
  let out = '';
  try {
    out = execFileSync('find', [...SEARCH, '-xdev', '-type', 'f', '(', '-name', '*.sh', '-o', '-name', '*.bash', ')',
      '-size', '+8k', '-size', '-2048k', '-printf', '%s\\t%p\\n'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? '';
  }
  const files = out.split('\n').filter(Boolean).map((l) => l.split('\t')).sort((a, b) => Number(b[0]) - Number(a[0]));
  for (const [, path] of files) {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('\u0000')) return { path, text };
  }
  return undefined;
}

/** About 10,000 lines: functions, loops and pipelines around alias definitions and uses, some of them buggy. */
export function generatedScript(lines = 10_000): string {
  const out = ['#!/bin/bash', 'shopt -s expand_aliases', ''];
  for (let n = 0; out.length < lines; n++) {
    const late = n % 10 === 3; // every tenth block reads its function before the alias exists
    const alias = `alias k${n}='kubectl --context ctx${n}'`;
    if (!late) out.push(alias);
    out.push(
      `# block ${n}: deploy helpers`,
      `deploy_${n}() {`,
      `  local ns="team-${n}"`,
      `  k${n} get pods -n "$ns" | grep -v Completed`,
      `  if [ -n "\${DRY_RUN:-}" ]; then`,
      `    echo "would apply ${n}"`,
      '  else',
      `    k${n} apply -f "manifests/${n}.yaml" && echo done`,
      '  fi',
      '  for i in 1 2 3; do',
      `    printf '%s\\n' "$i" >> "/tmp/log-${n}"`,
      '  done',
      '}',
    );
    if (late) out.push(alias);
    out.push(`deploy_${n}`, '');
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}
