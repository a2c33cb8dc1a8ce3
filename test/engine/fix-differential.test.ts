// Fixes checked in real shells: generated scripts are fixed with every fix the
// engine offers (as `--fix` does, following their sources), then both
// versions run. The fixed script must still parse, every use the fixes do not
// aim at must print exactly what it printed before, and every reported use
// that got a fix and runs must now run the body of the definition it named.
import { spawnSync } from 'child_process';
import { describe, it } from 'vitest';
import { DialectId, lint } from '../../rules';
import { fixAll } from '../support/fix';
import { labelAfter, resolverFor } from '../support/engine-view';
import { generate, GeneratedScript } from '../support/generator';
import { hasShell, Observation, runBatch, SHELL_COMMANDS } from '../support/shells';

const COUNT = Number(process.env.ALIASCOPE_FIX_SCRIPTS ?? 1200);
const SEED = 7_000_000;

const show = (obs: Observation[] | undefined): string => (obs ?? []).map((o) => o.outcome + (o.def ?? '')).join(' ');

describe.concurrent('fixed generated scripts', () => {
  for (const dialect of ['bash', 'sh', 'zsh'] as DialectId[]) {
    const available = hasShell(dialect);
    if (!available) console.warn(`skipping the ${dialect} fix run: its shell is not installed`);
    it.skipIf(!available)(`in ${dialect} keep every other use's output and make every fixed use expand`, async ({ expect }) => {
      const originals: GeneratedScript[] = [];
      const fixed: { files: Record<string, string> }[] = [];
      /** Per script: label of each use a fix aims at → the definition label it must now print. */
      const promised: Map<string, string | undefined>[] = [];
      let suggestions = 0;
      for (let i = 0; i < COUNT; i++) {
        // let the worker answer vitest: the loop is long and synchronous
        if (i % 50 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        const s = generate(SEED + i, dialect === 'bash');
        const text = s.files['main.sh'];
        const options = { dialect, filename: 'main.sh', resolveSource: resolverFor(s.files) };
        const { diagnostics } = lint(text, options);
        suggestions += diagnostics.filter((d) => d.suggestions).length;
        const after = fixAll(text, options).text;
        if (after === text) continue;
        const labels = new Map<string, string | undefined>();
        for (const d of diagnostics) {
          const label = d.fix && labelAfter(text, d.end);
          if (!label) continue;
          const def = d.definition && /EXP:(D\d+)/.exec(text.slice(d.definition.start, d.definition.end))?.[1];
          labels.set(label, def);
        }
        originals.push(s);
        fixed.push({ files: { ...s.files, 'main.sh': after } });
        promised.push(labels);
      }
      const [before, now] = await Promise.all([runBatch(dialect, originals), runBatch(dialect, fixed)]);
      const changed: string[] = [];
      const missed: string[] = [];
      let kept = 0;
      let expanded = 0;
      let checked = 0;
      fixed.forEach((f, i) => {
        const syntax = spawnSync(SHELL_COMMANDS[dialect][0], ['-n'], { input: f.files['main.sh'] });
        expect(syntax.status, `fixed script ${i} no longer parses:\n${f.files['main.sh']}`).toBe(0);
        for (const [label, obs] of before[i]) {
          if (promised[i].has(label) || !obs.some((o) => o.outcome === 'E')) continue;
          kept++;
          if (show(obs) !== show(now[i].get(label))) {
            changed.push(`${label}: ${show(obs)} → ${show(now[i].get(label))}\n${originals[i].files['main.sh']}\n--- fixed:\n${f.files['main.sh']}`);
          }
        }
        for (const [label, def] of promised[i]) {
          const obs = now[i].get(label);
          if (!obs) continue;
          checked++;
          if (obs.every((o) => o.outcome === 'E' && (!def || o.def === def))) expanded++;
          else missed.push(`${label} (${def}): ${show(obs)}\n${originals[i].files['main.sh']}\n--- fixed:\n${f.files['main.sh']}`);
        }
      });
      console.log(`${dialect}: ${fixed.length} scripts fixed; ${expanded}/${checked} fixed uses that ran now expand; `
        + `${kept - changed.length}/${kept} uses that expanded before print the same; ${suggestions} suggestions not applied`);
      expect(changed.slice(0, 2)).toEqual([]);
      expect(missed.slice(0, 2)).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    }, 900_000);
  }
});
