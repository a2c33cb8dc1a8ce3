// The fuzz suite's bounded, seeded sample (issue 5, section 2): random bytes,
// mutated corpus files, grammar-generated and alias-heavy scripts, and the
// extreme inputs, in every dialect. `npm run fuzz` runs the same checks deeply.
//   ALIASCOPE_FUZZ_ITERATIONS (default 1200), ALIASCOPE_FUZZ_SEED (default 20261125)
import { beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_DIALECTS, inputForSeed, SPECIALS } from './generators';
import { loadCorpus } from './corpus';
import { describeJob, FailureReport, memoryProblems, runFuzz, Summary } from './pool';
import { check, editProblem, TIME_LIMIT_MS } from './properties';

const ITERATIONS = Number(process.env.ALIASCOPE_FUZZ_ITERATIONS ?? 1200);
const SEED = Number(process.env.ALIASCOPE_FUZZ_SEED ?? 20261125);

/**
 * Seeds on which `npm run fuzz` once failed, run on every test run. 8160 and
 * 15366: a sourced file runs `shopt -u expand_aliases`, and fixAll adds
 * `shopt -s expand_aliases` on every pass without end. 36027: in a script that
 * already fails to parse, two wrapper fixes that each parse no worse parse
 * worse together.
 */
const REGRESSION_SEEDS = [8160, 15366, 36027];

/** Each extreme input in two dialects, rotating, so all seven are covered. */
const SPECIAL_JOBS = Object.keys(SPECIALS).flatMap((name, i) =>
  [0, 1].map((k) => ({ name, dialect: FUZZ_DIALECTS[(2 * i + k) % FUZZ_DIALECTS.length] })));

function reproducers(failures: FailureReport[]): string {
  return failures.slice(0, 12).map((f) => {
    const how = 'seed' in f.job ? `npm run fuzz -- --replay ${f.job.seed}` : `npm run fuzz -- --replay-special ${f.job.special} --dialects ${f.job.dialect}`;
    return `${describeJob(f.job)} [${f.dialect}, ${f.kind}] ${f.property}: ${f.message.split('\n')[0]}\n  reproduce: ${how}`;
  }).join('\n') + (failures.length > 12 ? `\n… and ${failures.length - 12} more` : '');
}

describe('fuzz: any input, no crash, no hang', () => {
  let summary: Summary;
  const failing = (...properties: string[]) => summary.failures.filter((f) => properties.includes(f.property));

  beforeAll(async () => {
    summary = await runFuzz({
      iterations: ITERATIONS, seed: SEED, extraSeeds: REGRESSION_SEEDS, specials: SPECIAL_JOBS, workers: 2, hangMs: 6_000, heapLimitMb: 4096,
    });
    const s = summary.slowestLint;
    console.log(`fuzz: ${summary.iterations} iterations and ${summary.specials} extremes in ${(summary.elapsedMs / 1000).toFixed(1)} s, `
      + `${summary.failures.length} failures; slowest lint ${s ? `${s.ms.toFixed(0)} ms of CPU (${describeJob(s.job)}, ${s.kind})` : '-'}; `
      + `peak RSS ${(summary.peakRss / (1 << 20)).toFixed(0)} MB`);
  });

  it(`ran ${ITERATIONS} seeded iterations, ${REGRESSION_SEEDS.length} regression seeds and ${SPECIAL_JOBS.length} extreme inputs`, () => {
    expect(summary.iterations).toBe(ITERATIONS + REGRESSION_SEEDS.length);
    expect(summary.specials).toBe(SPECIAL_JOBS.length);
  });

  it('no exception escapes lint or fixAll, and no thread dies', () => {
    const f = failing('exception', 'crash');
    expect(f.length, reproducers(f)).toBe(0);
  });

  it(`no input hangs, and no lint call takes over ${TIME_LIMIT_MS} ms of CPU`, () => {
    const f = failing('hang', 'time');
    expect(f.length, reproducers(f)).toBe(0);
  });

  it('every diagnostic lies inside the text', () => {
    const f = failing('range');
    expect(f.length, reproducers(f)).toBe(0);
  });

  it('every offered fix applies cleanly and parses no worse, alone and all together', () => {
    const f = failing('fix-edits', 'fix-parses', 'fix-all-parses');
    expect(f.length, reproducers(f)).toBe(0);
  });

  it('fixing twice changes nothing more: fixAll(fixAll(x)) === fixAll(x)', () => {
    const f = failing('idempotent');
    expect(f.length, reproducers(f)).toBe(0);
  });

  it('memory stays bounded', () => {
    expect(memoryProblems(summary)).toEqual([]);
  });
});

describe('fuzz harness', () => {
  it('inputs are a pure function of the seed', () => {
    for (const seed of [1, 2, 3, SEED]) expect(inputForSeed(seed)).toEqual(inputForSeed(seed));
  });

  it('finds overlapping and out-of-range edits', () => {
    const text = 'alias a=b\n';
    expect(editProblem(text, { title: 't', edits: [{ start: 0, end: 3, text: 'x' }, { start: 2, end: 4, text: '' }] })).toMatch(/overlap/);
    expect(editProblem(text, { title: 't', edits: [{ start: 1, end: 1, text: 'x' }, { start: 1, end: 1, text: 'y' }] })).toMatch(/overlap/);
    expect(editProblem(text, { title: 't', edits: [{ start: 5, end: 11, text: '' }] })).toMatch(/outside/);
    expect(editProblem(text, { title: 't', edits: [{ start: 0, end: 1, text: 'x' }, { start: 1, end: 2, text: 'y' }] })).toBeNull();
  });

  it('falls back to the examples and built-in seeds when the corpus cache is absent', () => {
    const saved = process.env.ALIASCOPE_FUZZ_CORPUS;
    process.env.ALIASCOPE_FUZZ_CORPUS = 'examples';
    try {
      const corpus = loadCorpus(true);
      expect(corpus.source).toBe('examples');
      expect(corpus.files.length).toBeGreaterThan(5);
      for (let seed = 1; seed <= 40; seed++) {
        const input = inputForSeed(seed);
        expect(check(input).failures.filter((f) => f.property === 'exception')).toEqual([]);
      }
    } finally {
      if (saved === undefined) delete process.env.ALIASCOPE_FUZZ_CORPUS;
      else process.env.ALIASCOPE_FUZZ_CORPUS = saved;
      loadCorpus(true);
    }
  });
});
