// The gates and fast paths only skip work: with every one of them off
// (`exhaustive`), the engine must reach exactly the same analysis on the
// generated corpus, on the real-world reductions and on the Debian corpus.
import { existsSync, readdirSync, readFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { DialectId, lint, LintOptions } from '../../rules';
import { resolverFor } from '../support/engine-view';
import { generate } from '../support/generator';

const COUNT = Number(process.env.ALIASCOPE_GATE_SCRIPTS ?? 300);
const SEED = 9_000_000;
const CORPUS = join(homedir(), '.cache', 'aliascope', 'corpus');
const CORPUS_FILES = Number(process.env.ALIASCOPE_GATE_CORPUS ?? 250);

/** What an analysis says, as plain data: every use's resolutions and runs, every definition, clash and report. */
function summary(text: string, options: LintOptions): string {
  const { analysis, diagnostics } = lint(text, options);
  return JSON.stringify({
    aborted: analysis.aborted,
    uses: analysis.uses.map((u) => [u.file, u.start, u.name, u.uncertain, u.chained,
      u.resolutions.map((r) => [r.values, r.flag, r.outcome, r.readStart, r.readEnd, r.quirk, r.neverHere]),
      [...u.runs].sort((a, b) => a.unit - b.unit || a.values.join().localeCompare(b.values.join()))])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || (a[1] as number) - (b[1] as number)),
    defs: analysis.defs.map((d) => [d.file, d.start, d.name, d.value, d.shellRuns > 0, d.subshellRuns > 0, d.seenByUnknown])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || (a[1] as number) - (b[1] as number)),
    clashes: analysis.clashes.map((c) => [c.file, c.start, c.resolution.outcome]),
    diagnostics: diagnostics.map((d) => [d.ruleId, d.start, d.end, d.message]),
  });
}

/**
 * Compares the two; false when either ran out of budget, which only bounds its
 * time (on a loaded machine the time budget, not the model, decides that).
 */
function same(text: string, options: LintOptions): boolean {
  const slow = summary(text, { ...options, exhaustive: true });
  const fast = summary(text, options);
  if (slow.startsWith('{"aborted":true') || fast.startsWith('{"aborted":true')) return false;
  expect(slow, text).toBe(fast);
  return true;
}

/** Lets the worker answer vitest between scripts: a minute of synchronous work times its RPC out. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the exhaustive engine agrees with the gated one', () => {
  for (const dialect of ['bash', 'sh', 'zsh'] as DialectId[]) {
    it(`on ${COUNT} generated ${dialect} scripts`, async () => {
      let compared = 0;
      for (let i = 0; i < COUNT; i++) {
        if (i % 20 === 0) await tick();
        const s = generate(SEED + i, dialect === 'bash');
        if (same(s.files['main.sh'], { dialect, filename: 'main.sh', resolveSource: resolverFor(s.files) })) compared++;
      }
      expect(compared).toBeGreaterThan(COUNT * 0.95);
    });
  }

  it('on definitions spelled to bypass an alias of `alias`', () => {
    for (const spelled of ['\\alias', "'alias'", '"alias"']) {
      const text = `${spelled} qa='echo A'\nqa\n`;
      expect(same(text, { dialect: 'sh', filename: 'main.sh' })).toBe(true);
      expect(lint(text, { dialect: 'sh', filename: 'main.sh' }).analysis.uses.length, text).toBe(1);
    }
  });

  const corpus = existsSync(CORPUS) ? readdirSync(CORPUS).slice(0, CORPUS_FILES) : [];
  if (!corpus.length) console.warn(`skipping the Debian corpus run: ${CORPUS} is missing (bench/corpus.sh builds it)`);
  it.skipIf(!corpus.length)(`on ${corpus.length} Debian scripts, each with an alias bug appended`, async () => {
    let compared = 0;
    for (const name of corpus) {
      await tick();
      const text = readFileSync(join(CORPUS, name), 'latin1');
      if (same(`${text}\nalias zzq='echo planted'; zzq\nzzq\n`, { filename: name })) compared++;
    }
    console.log(`gates: ${compared}/${corpus.length} Debian scripts compared (the others are past the exhaustive model's budget)`);
    expect(compared).toBeGreaterThan(corpus.length * 0.95);
  });
});
