// Lints many files on worker threads and returns the reports in the order of
// the tasks, whatever order they finish in.
//
// Memory: the native tree-sitter binding does not hand a tree's memory back
// when V8 collects the tree (measured: RSS grows by ~80 MB per pass over the
// 4.5 MB corpus even with a full GC after every file, ~300 MB when every node
// is visited), but it is released when the worker's isolate is torn down, and
// the next worker reuses it instead of growing the process. So a worker is
// replaced once it has linted a budget of source bytes or files while the
// process is past a soft memory limit, which keeps the peak flat however many
// files there are, and costs nothing (a fresh worker is ~100 ms of CPU) when
// the set is small enough to stay under the limit, as the 1,657-file corpus
// does at ~140 MB. Replacing workers more often than every 4 MB saved no
// memory and cost CPU.
import { statSync } from 'fs';
import { availableParallelism } from 'os';
import { join } from 'path';
import { FileReport, FileTask, lintFile } from './lint-file';

/** Source bytes, and files, one worker lints before it may be replaced... */
const BYTES_PER_WORKER = 4 << 20;
const FILES_PER_WORKER = 2000;
/** ...when the whole process is above this resident size. */
const SOFT_RSS_LIMIT = 160 << 20;
/** Below this many files, starting workers costs more than it saves. */
const INLINE_BELOW = 24;

function internalError(task: FileTask, what: string): FileReport {
  return { path: task.path, messages: [], suppressedCount: 0, written: false, error: `internal error: ${what}`, internal: true };
}

/** One line: the error and the frame it came from, enough for a bug report. */
function oneLine(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const frame = /\n\s+at (.*)/.exec(err.stack ?? '')?.[1];
  return `${err.name}: ${err.message}${frame ? ` (at ${frame})` : ''}`;
}

export function lintSafely(task: FileTask): FileReport {
  try {
    return lintFile(task);
  } catch (e) {
    return internalError(task, oneLine(e));
  }
}

/** How many workers to use for `files` files when the user did not say. */
export function autoConcurrency(files: number): number {
  if (files < INLINE_BELOW) return 0;
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(files / INLINE_BELOW)));
}

function sizes(tasks: FileTask[]): number[] {
  return tasks.map((t) => {
    try {
      return statSync(t.path).size;
    } catch {
      return 0;
    }
  });
}

export async function lintAll(tasks: FileTask[], workers: number): Promise<FileReport[]> {
  if (workers <= 0) return tasks.map((t) => lintSafely(t));
  const { Worker } = require('worker_threads') as typeof import('worker_threads');
  const threads = Math.min(workers, tasks.length);
  const reports: FileReport[] = new Array(tasks.length);
  const size = sizes(tasks);
  // Largest files first, so no worker is left with a big one at the end.
  const order = tasks.map((_, i) => i).sort((a, b) => size[b] - size[a] || a - b);
  let next = 0;
  const runWorker = () => new Promise<void>((resolve) => {
    let files = 0;
    let bytes = 0;
    let inFlight: number[] = [];
    const spawn = () => {
      const w = new Worker(join(__dirname, 'worker.js'));
      w.on('message', (results: FileReport[]) => {
        results.forEach((r, j) => { reports[inFlight[j]] = r; });
        feed();
      });
      // A worker that dies (out of memory, a native fault) costs its batch, not the run.
      w.on('error', (e) => {
        for (const i of inFlight) reports[i] = internalError(tasks[i], `the worker linting this file died: ${oneLine(e)}`);
        worker = spawn();
        files = 0;
        bytes = 0;
        feed();
      });
      return w;
    };
    let worker = spawn();
    const feed = () => {
      if (next >= order.length) {
        void worker.terminate().then(() => resolve());
        return;
      }
      if ((files >= FILES_PER_WORKER || bytes >= BYTES_PER_WORKER) && process.memoryUsage.rss() > SOFT_RSS_LIMIT) {
        void worker.terminate();
        worker = spawn();
        files = 0;
        bytes = 0;
      }
      // Batches shrink as the queue drains, so the workers finish together.
      const batch = Math.max(1, Math.min(16, Math.floor((order.length - next) / (threads * 4))));
      inFlight = order.slice(next, next + batch);
      next += inFlight.length;
      files += inFlight.length;
      for (const i of inFlight) bytes += size[i];
      worker.postMessage(inFlight.map((i) => tasks[i]));
    };
    feed();
  });
  await Promise.all(Array.from({ length: threads }, runWorker));
  return reports;
}
