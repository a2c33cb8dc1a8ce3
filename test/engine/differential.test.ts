// The differential suite: generated scripts run in every available real
// shell, and every use the engine is certain about must match what the shell
// did. Prints agreement per shell and per construct.
import { describe, it } from 'vitest';
import { DIALECT_IDS } from '../../rules';
import { claims } from '../support/engine-view';
import { generate, GeneratedScript } from '../support/generator';
import { hasShell, runBatch } from '../support/shells';

const COUNT = Number(process.env.ALIASCOPE_DIFF_SCRIPTS ?? 1000);
const SEED = Number(process.env.ALIASCOPE_DIFF_SEED ?? 20261125);

interface Tally { certain: number; observed: number; wrong: number }

function tally(map: Map<string, Tally>, key: string): Tally {
  if (!map.has(key)) map.set(key, { certain: 0, observed: 0, wrong: 0 });
  return map.get(key)!;
}

describe.concurrent('generated scripts', () => {
  for (const dialect of DIALECT_IDS) {
  const available = hasShell(dialect);
  if (!available) console.warn(`skipping the ${dialect} differential run: its shell is not installed`);
  it.skipIf(!available)(`in ${dialect} agree with the real shell on every certain use (${COUNT} scripts)`, async ({ expect }) => {
    const bash = dialect.startsWith('bash');
    const scripts: GeneratedScript[] = [];
    for (let i = 0; i < COUNT; i++) scripts.push(generate(SEED + i, bash));
    const seen = await runBatch(dialect, scripts);
    const total: Tally = { certain: 0, observed: 0, wrong: 0 };
    const byConstruct = new Map<string, Tally>();
    const wrong: string[] = [];
    scripts.forEach((s, i) => {
      const claim = claims(s.files, dialect);
      for (const [label, obs] of seen[i]) {
        const c = claim.get(label) ?? '?';
        const construct = (s.constructs.get(label) ?? 'top').split('>').pop()!;
        const t = tally(byConstruct, construct);
        t.observed++;
        total.observed++;
        if (c === '?') continue;
        t.certain++;
        total.certain++;
        if (obs.some((o) => o !== c)) {
          t.wrong++;
          total.wrong++;
          if (wrong.length < 5) wrong.push(`seed ${SEED + i} ${label}: engine ${c}, shell ${obs.join('')}\n${s.files['main.sh']}`);
        }
      }
    });
    const pct = (t: Tally) => (t.certain ? (100 * (t.certain - t.wrong) / t.certain).toFixed(2) : '-');
    const rows = [...byConstruct].sort().map(([k, t]) => `  ${k.padEnd(10)} agree ${pct(t)}% of ${t.certain} certain (${t.observed} observed)`);
    console.log(`${dialect}: agreement ${pct(total)}% on ${total.certain} certain uses of ${total.observed} observed\n${rows.join('\n')}`);
    expect(wrong).toEqual([]);
    expect(total.certain).toBeGreaterThan(total.observed * 0.3);
    // units tree-sitter-bash misparses are analysed after recovery
    expect(byConstruct.get('recovered')?.certain).toBeGreaterThan(0);
  }, 900_000);
  }
});
