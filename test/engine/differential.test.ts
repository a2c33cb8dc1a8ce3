// The differential suite: generated scripts run in every available real
// shell, and every use the engine is certain about must match what the shell
// did, down to the definition a use expanded to. Prints, per shell and per
// construct, coverage (certain uses over observed uses of a defined alias)
// beside agreement.
import { describe, it } from 'vitest';
import { DIALECT_IDS } from '../../rules';
import { claims, shownClaims } from '../support/engine-view';
import { generate, GeneratedScript } from '../support/generator';
import { hasShell, runBatch } from '../support/shells';

const COUNT = Number(process.env.ALIASCOPE_DIFF_SCRIPTS ?? 1000);
const SEED = Number(process.env.ALIASCOPE_DIFF_SEED ?? 20261125);
/** Certain uses over observed uses, at least, in every shell. */
const MIN_COVERAGE = 0.9;
/**
 * What --show-uses must reach: uses it decides, of them right, of expanding
 * ones the definition right (measured: 91.7% decided in ksh to 96.3% in sh).
 */
const SHOWN_TARGETS = { decided: 0.9, right: 0.999, definition: 0.999 };

interface Tally { observed: number; certain: number; wrong: number; defsChecked: number; defsWrong: number }

function tally(map: Map<string, Tally>, key: string): Tally {
  if (!map.has(key)) map.set(key, { observed: 0, certain: 0, wrong: 0, defsChecked: 0, defsWrong: 0 });
  return map.get(key)!;
}

const pct = (n: number, d: number) => (d ? (100 * n / d).toFixed(2) : '-');

describe.concurrent('generated scripts', () => {
  for (const dialect of DIALECT_IDS) {
    const available = hasShell(dialect);
    if (!available) console.warn(`skipping the ${dialect} differential run: its shell is not installed`);
    it.skipIf(!available)(`in ${dialect} agree with the real shell on every certain use (${COUNT} scripts)`, async ({ expect }) => {
      const bash = dialect.startsWith('bash');
      const scripts: GeneratedScript[] = [];
      for (let i = 0; i < COUNT; i++) scripts.push(generate(SEED + i, bash));
      const seen = await runBatch(dialect, scripts);
      const total = tally(new Map(), 'all');
      const byConstruct = new Map<string, Tally>();
      const wrong: string[] = [];
      const shown = tally(new Map(), 'shown');
      // expanding uses that may get one of several definitions, so name none
      let unnamed = 0;
      for (const [i, s] of scripts.entries()) {
        // let the worker answer vitest between scripts: the loop is long and synchronous
        if (i % 50 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        const claim = claims(s.files, dialect);
        const shownClaim = shownClaims(s.files, dialect);
        for (const [label, obs] of seen[i]) {
          // a word that names no alias any file defines is no alias use
          if (!s.defined.has(s.names.get(label) ?? '')) continue;
          const sc = shownClaim.get(label) ?? { claim: '?' };
          shown.observed++;
          if (sc.claim !== '?') {
            shown.certain++;
            if (obs.some((o) => o.outcome !== sc.claim)) shown.wrong++;
            else if (sc.def === '-') unnamed++;
            else if (sc.claim === 'E' && sc.def !== undefined) {
              shown.defsChecked++;
              if (obs.some((o) => o.def !== sc.def)) shown.defsWrong++;
            }
          }
          const c = claim.get(label) ?? { claim: '?' };
          const construct = (s.constructs.get(label) ?? 'top').split('>').pop()!;
          const ts = [total, tally(byConstruct, construct)];
          for (const t of ts) t.observed++;
          if (c.claim === '?') continue;
          for (const t of ts) t.certain++;
          const mismatch = obs.some((o) => o.outcome !== c.claim);
          const defChecked = !mismatch && c.claim === 'E' && c.def !== undefined;
          const defWrong = defChecked && obs.some((o) => o.def !== c.def);
          for (const t of ts) {
            if (mismatch) t.wrong++;
            if (defChecked) t.defsChecked++;
            if (defWrong) t.defsWrong++;
          }
          if ((mismatch || defWrong) && wrong.length < 5) {
            wrong.push(`seed ${SEED + i} ${label}: engine ${c.claim}${c.def ? ` ${c.def}` : ''}, shell ${obs.map((o) => o.outcome + (o.def ? ` ${o.def}` : '')).join(',')}\n${s.files['main.sh']}`);
          }
        }
      }
      const line = (name: string, t: Tally) => `  ${name.padEnd(15)} coverage ${pct(t.certain, t.observed).padStart(6)}% of ${String(t.observed).padStart(5)} observed`
        + `   agree ${pct(t.certain - t.wrong, t.certain).padStart(6)}%   definition right ${pct(t.defsChecked - t.defsWrong, t.defsChecked).padStart(6)}% of ${t.defsChecked}`;
      const rows = [...byConstruct].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => line(k, t));
      const figures = { decided: shown.certain / shown.observed, right: 1 - shown.wrong / shown.certain, definition: 1 - shown.defsWrong / shown.defsChecked };
      console.log(`${dialect}:\n${line('all', total)}\n${rows.join('\n')}\n  --show-uses     decided ${pct(shown.certain, shown.observed)}%   right ${pct(shown.certain - shown.wrong, shown.certain)}%   definition right ${pct(shown.defsChecked - shown.defsWrong, shown.defsChecked)}% of ${shown.defsChecked} (${unnamed} name none)`);
      expect(wrong).toEqual([]);
      expect(total.certain / total.observed).toBeGreaterThanOrEqual(MIN_COVERAGE);
      for (const k of ['decided', 'right', 'definition'] as const) expect(figures[k], `--show-uses ${k}`).toBeGreaterThanOrEqual(SHOWN_TARGETS[k]);
      // units tree-sitter-bash misparses are analysed after recovery
      expect(byConstruct.get('recovered')?.certain).toBeGreaterThan(0);
    }, 900_000);
  }
});
