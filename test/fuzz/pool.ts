// Runs fuzz jobs in child processes, shared by the test and `npm run fuzz`.
// A watchdog kills a child that stays on one input too long (a hang) and a
// heap limit ends one that runs away with memory; either is a failure with
// the job that caused it, and a fresh child takes over. Processes, not worker
// threads: ending a thread while tree-sitter's native code runs aborts the
// whole process ("terminate called after throwing an instance of
// 'Napi::Error'"), and in a thread, with its larger stack, a stack overflow
// on deep nesting takes some 40 s to surface instead of under a second.
import { ChildProcess, fork } from 'child_process';
import { createRequire } from 'module';
import { join } from 'path';
import { DialectId } from '../../rules';
import type { Job, JobResult } from './worker';
import type { Property } from './properties';

export interface RunOptions {
  /** Seeded iterations: seeds `seed`, `seed + 1`, … */
  iterations: number;
  seed: number;
  /** Further seeds to run, outside that range: past failures. */
  extraSeeds?: number[];
  /** Extreme inputs by name, each run in the dialects given. */
  specials: { name: string; dialect: DialectId }[];
  workers: number;
  /** A job still running after this long is a hang. */
  hangMs: number;
  /** V8 heap limit per process. */
  heapLimitMb: number;
  onProgress?: (summary: Summary) => void;
  onFailure?: (failure: FailureReport) => void;
}

export interface FailureReport {
  job: Job;
  kind: string;
  dialect: DialectId | '?';
  property: Property | 'hang' | 'crash';
  message: string;
}

export interface Slowest {
  ms: number;
  job: Job;
  kind: string;
  chars: number;
}

export interface Summary {
  iterations: number;
  specials: number;
  failures: FailureReport[];
  slowestLint?: Slowest;
  slowestSeededLint?: Slowest;
  slowestFixPass?: Slowest;
  /** Per process: heap and resident size after a full collection, at its first and last checkpoints. */
  heap: { first: number; last: number; rssFirst: number; rssLast: number; samples: number }[];
  /** The largest resident size any one process reached. */
  peakRss: number;
  elapsedMs: number;
}

export function describeJob(job: Job): string {
  return 'seed' in job ? `seed ${job.seed}` : `special ${job.special} (${job.dialect})`;
}

/** The worker runs from TypeScript source: tsx's require hook loads it, in any host (tsx, vitest). */
function tsxHook(): string {
  return createRequire(join(__dirname, 'pool.ts')).resolve('tsx/cjs');
}

export async function runFuzz(options: RunOptions): Promise<Summary> {
  const started = Date.now();
  const jobs: Job[] = [
    ...options.specials.map(({ name, dialect }) => ({ special: name, dialect })),
    ...(options.extraSeeds ?? []).map((seed) => ({ seed })),
    ...Array.from({ length: options.iterations }, (_, i) => ({ seed: options.seed + i })),
  ];
  const summary: Summary = { iterations: 0, specials: 0, failures: [], heap: [], peakRss: 0, elapsedMs: 0 };
  let next = 0;
  const hook = tsxHook();

  const record = (job: Job, r: JobResult) => {
    if ('seed' in job) summary.iterations++;
    else summary.specials++;
    const slow = (ms: number): Slowest => ({ ms, job, kind: r.kind, chars: r.chars });
    if (!summary.slowestLint || r.lintMs > summary.slowestLint.ms) summary.slowestLint = slow(r.lintMs);
    if ('seed' in job && (!summary.slowestSeededLint || r.lintMs > summary.slowestSeededLint.ms)) summary.slowestSeededLint = slow(r.lintMs);
    if (!summary.slowestFixPass || r.fixPassMs > summary.slowestFixPass.ms) summary.slowestFixPass = slow(r.fixPassMs);
    summary.peakRss = Math.max(summary.peakRss, r.rss);
    for (const f of r.failures) {
      const report: FailureReport = { job, kind: r.kind, dialect: r.dialect, ...f };
      summary.failures.push(report);
      options.onFailure?.(report);
    }
  };
  const lost = (job: Job, property: 'hang' | 'crash', message: string) => {
    const report: FailureReport = { job, kind: '?', dialect: 'dialect' in job ? job.dialect : '?', property, message };
    if ('seed' in job) summary.iterations++;
    else summary.specials++;
    summary.failures.push(report);
    options.onFailure?.(report);
  };

  let lastProgress = Date.now();
  const process1 = () => new Promise<void>((resolve, reject) => {
    const heap = { first: 0, last: 0, rssFirst: 0, rssLast: 0, samples: 0 };
    summary.heap.push(heap);
    let child: ChildProcess;
    let current: Job | undefined;
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    const start = () => {
      let ready = false;
      const me = fork(join(__dirname, 'worker.ts'), [], {
        execArgv: ['--require', hook, `--max-old-space-size=${options.heapLimitMb}`],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      child = me;
      let stderr = '';
      me.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
      me.on('message', (r: JobResult | 'ready') => {
        if (r === 'ready') {
          ready = true;
          feed();
          return;
        }
        clearTimeout(timer);
        const job = current!;
        current = undefined;
        record(job, r);
        if (r.heapAfterGc !== undefined && 'seed' in job) {
          if (heap.samples === 0) {
            heap.first = r.heapAfterGc;
            heap.rssFirst = r.rssAfterGc ?? 0;
          }
          heap.last = r.heapAfterGc;
          heap.rssLast = r.rssAfterGc ?? 0;
          heap.samples++;
        }
        if (options.onProgress && Date.now() - lastProgress > 5000) {
          lastProgress = Date.now();
          summary.elapsedMs = Date.now() - started;
          options.onProgress(summary);
        }
        feed();
      });
      me.on('exit', (code, signal) => {
        if (me !== child || finished) return;
        clearTimeout(timer);
        // A child that dies before it is ready cannot start at all: stop.
        if (!ready || !current) {
          reject(new Error(`a fuzz process exited (${signal ?? code}) before it took a job: ${stderr}`));
          return;
        }
        lost(current, 'crash', `the process died (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-6).join('\n')}`);
        current = undefined;
        start();
      });
    };
    const feed = () => {
      if (next >= jobs.length) {
        finished = true;
        child.kill();
        resolve();
        return;
      }
      current = jobs[next++];
      const job = current;
      timer = setTimeout(() => {
        if (current !== job) return;
        current = undefined;
        lost(job, 'hang', `still running after ${options.hangMs} ms`);
        const old = child;
        start();
        old.kill('SIGKILL');
      }, options.hangMs);
      child.send(job);
    };
    start();
  });

  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, () => process1()));
  summary.elapsedMs = Date.now() - started;
  return summary;
}

/** Heap that survives a full collection may grow this much over a run, per process. */
export const HEAP_GROWTH_LIMIT = 32 << 20;
/**
 * Resident size after a full collection may grow this much, per process: it
 * holds tree-sitter's native memory, which V8's heap figures do not show.
 */
export const RSS_GROWTH_LIMIT = 512 * 2 ** 20;
/** No one process may get larger than this, extremes included. */
export const RSS_LIMIT = 2048 * 2 ** 20;

/** Why memory did not stay bounded over the run, if it did not. */
export function memoryProblems(summary: Summary): string[] {
  const mb = (n: number) => `${(n / (1 << 20)).toFixed(1)} MB`;
  const out: string[] = [];
  summary.heap.forEach((h, i) => {
    if (h.samples > 1 && h.last - h.first > HEAP_GROWTH_LIMIT) out.push(`process ${i}: heap after GC grew ${mb(h.first)} → ${mb(h.last)}`);
    if (h.samples > 1 && h.rssLast - h.rssFirst > RSS_GROWTH_LIMIT) out.push(`process ${i}: resident size after GC grew ${mb(h.rssFirst)} → ${mb(h.rssLast)}`);
  });
  if (summary.peakRss > RSS_LIMIT) out.push(`a process reached ${mb(summary.peakRss)} resident (limit ${mb(RSS_LIMIT)})`);
  return out;
}
