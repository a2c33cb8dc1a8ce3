// A vitest reporter that prints each test file's time, slowest first, so a
// suite that outgrows the CI budget is seen in every run's log.
import type { Reporter } from 'vitest/reporters';

type Finished = NonNullable<Reporter['onFinished']>;

export default class Durations implements Reporter {
  onFinished(...[files]: Parameters<Finished>): void {
    const rows = (files ?? []).map((f) => ({ name: f.name, ms: f.result?.duration ?? 0 })).sort((a, b) => b.ms - a.ms);
    if (!rows.length) return;
    const total = rows.reduce((s, r) => s + r.ms, 0);
    const lines = rows.map((r) => `${(r.ms / 1000).toFixed(1).padStart(8)} s  ${r.name}`);
    process.stdout.write(`\nTime per test file (${(total / 1000).toFixed(1)} s in all):\n${lines.join('\n')}\n`);
  }
}
