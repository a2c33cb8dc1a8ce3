// `npm run fuzz`: the deep run of the fuzz suite (test/fuzz), in child processes, one per core.
//   npm run fuzz -- [--iterations N] [--seed S] [--workers W] [--no-specials]
//                   [--dialects bash,sh,…] [--hang-ms MS]
//   npm run fuzz -- --replay SEED             one seeded input: its text and every failure
//   npm run fuzz -- --reduce SEED [--property P]   the smallest input that still fails
//   npm run fuzz -- --replay-special NAME --dialects D
// Exit status 1 when any property failed.
import { availableParallelism } from 'os';
import { selectParser } from '../host/parser';
import { DialectId } from '../rules';
import { FUZZ_DIALECTS, FuzzInput, inputForSeed, SPECIALS, specialInput } from '../test/fuzz/generators';
import { describeJob, FailureReport, memoryProblems, runFuzz, Summary } from '../test/fuzz/pool';
import { check, Property, TIME_LIMIT_MS } from '../test/fuzz/properties';
import { reduce } from '../test/fuzz/reduce';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i === -1 ? dflt : args[i + 1];
};
const num = (name: string, dflt: number) => {
  const n = Number(value(name, String(dflt)));
  if (!Number.isFinite(n)) throw new Error(`${name} takes a number`);
  return n;
};

const MB = (n: number) => `${(n / (1 << 20)).toFixed(1)} MB`;

function show(input: FuzzInput): void {
  console.log(`dialect: ${input.dialect}\nkind: ${input.kind}\ntext (${input.text.length} chars): ${JSON.stringify(input.text.length > 4000 ? `${input.text.slice(0, 4000)}…` : input.text)}`);
  for (const [name, text] of Object.entries(input.files ?? {})) console.log(`file ${name}: ${JSON.stringify(text)}`);
}

function replay(input: FuzzInput): number {
  show(input);
  const r = check(input);
  console.log(`lint ${r.lintMs.toFixed(0)} ms of CPU, ${r.diagnostics} diagnostics, ${r.fixes} distinct fixes`);
  for (const f of r.failures) console.log(`FAIL ${f.property}: ${f.message}`);
  return r.failures.length ? 1 : 0;
}

function slowest(label: string, s: Summary['slowestLint']): string {
  return s ? `${label} ${s.ms.toFixed(0)} ms of CPU (${describeJob(s.job)}, ${s.kind}, ${s.chars} chars)` : `${label} -`;
}

async function main(): Promise<number> {
  await selectParser();
  if (flag('--replay')) return replay(inputForSeed(num('--replay', 0)));
  if (flag('--replay-special')) {
    const dialects = value('--dialects', 'bash').split(',') as DialectId[];
    let status = 0;
    for (const d of dialects) status |= replay(specialInput(value('--replay-special', ''), d));
    return status;
  }
  if (flag('--reduce')) {
    const input = inputForSeed(num('--reduce', 0));
    const failures = check(input).failures;
    const property = value('--property', failures[0]?.property ?? '') as Property;
    if (!failures.some((f) => f.property === property)) {
      console.log(`seed ${num('--reduce', 0)} does not fail ${property || 'any property'}`);
      return 0;
    }
    const small = reduce(input, property, num('--budget-ms', 120_000));
    console.log(`reduced, still failing ${property}:`);
    return replay(small);
  }

  const iterations = num('--iterations', 10_000);
  const seed = num('--seed', 1);
  const workers = num('--workers', Math.min(2, availableParallelism()));
  const dialects = value('--dialects', FUZZ_DIALECTS.join(',')).split(',') as DialectId[];
  const specials = flag('--no-specials') ? [] : Object.keys(SPECIALS).flatMap((name) => dialects.map((dialect) => ({ name, dialect })));
  console.log(`fuzz: ${iterations} seeded iterations from seed ${seed} and ${specials.length} extreme inputs, in ${workers} processes; limit ${TIME_LIMIT_MS} ms of CPU per lint`);
  const byProperty = new Map<string, number>();
  const summary = await runFuzz({
    iterations, seed, specials, workers,
    hangMs: num('--hang-ms', 20_000),
    heapLimitMb: num('--heap-mb', 4096),
    onFailure: (f: FailureReport) => {
      const n = (byProperty.get(f.property) ?? 0) + 1;
      byProperty.set(f.property, n);
      // Every failure is counted; the first few of each property are printed in full.
      if (n <= 5) {
        const how = 'seed' in f.job ? `npm run fuzz -- --replay ${f.job.seed}` : `npm run fuzz -- --replay-special ${f.job.special} --dialects ${f.job.dialect}`;
        console.log(`FAIL ${f.property} ${describeJob(f.job)} [${f.dialect}, ${f.kind}]: ${f.message.split('\n').slice(0, 4).join('\n    ')}\n    reproduce: ${how}`);
      }
    },
    onProgress: (s) => {
      const rate = s.iterations / (s.elapsedMs / 1000);
      console.log(`… ${s.iterations}/${iterations} iterations, ${s.specials}/${specials.length} extremes, ${s.failures.length} failures, ${rate.toFixed(0)}/s, RSS ${MB(s.peakRss)} peak`);
    },
  });
  console.log(`time: ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  console.log(slowest('slowest lint:', summary.slowestLint));
  console.log(slowest('slowest seeded lint:', summary.slowestSeededLint));
  console.log(slowest('slowest fixAll pass:', summary.slowestFixPass));
  const heap = summary.heap.filter((h) => h.samples > 1);
  console.log(`memory: peak RSS ${MB(summary.peakRss)}; after GC per process ${heap.map((h) => `heap ${MB(h.first)} → ${MB(h.last)}, RSS ${MB(h.rssFirst)} → ${MB(h.rssLast)} over ${h.samples} checkpoints`).join('; ') || 'not sampled (too few iterations)'}`);
  // Failures grouped by property, input kind and message (numbers blanked), each with one reproducer.
  const groups = new Map<string, { n: number; dialects: Set<string>; first: FailureReport }>();
  for (const f of summary.failures) {
    const what = 'seed' in f.job ? f.kind.split(':')[0] : `special ${f.job.special}`;
    const key = `${f.property} | ${what} | ${f.message.split('\n')[0].replace(/\d+/g, 'N').slice(0, 100)}`;
    const g = groups.get(key) ?? { n: 0, dialects: new Set<string>(), first: f };
    g.n++;
    g.dialects.add(f.dialect);
    groups.set(key, g);
  }
  if (groups.size) console.log('failures by kind:');
  for (const [key, g] of [...groups].sort((a, b) => b[1].n - a[1].n)) {
    console.log(`  ${g.n} × ${key} [${[...g.dialects].join(' ')}] e.g. ${describeJob(g.first.job)}`);
  }
  const memory = memoryProblems(summary);
  for (const m of memory) console.log(`FAIL memory: ${m}`);
  if (memory.length) byProperty.set('memory', memory.length);
  if (byProperty.size) console.log(`failures by property: ${[...byProperty].map(([p, n]) => `${p} ${n}`).join(', ')}`);
  const failures = summary.failures.length + memory.length;
  console.log(`fuzz: ${summary.iterations} iterations, ${summary.specials} extremes, ${failures} failures`);
  return failures ? 1 : 0;
}

main().then((status) => { process.exitCode = status; }, (e) => {
  console.error(e);
  process.exitCode = 2;
});
