// Lints many files on worker threads, one batch at a time per worker, and
// returns the reports in the order of the tasks whatever order they finish in.
// Native tree-sitter trees are freed only when V8 collects their wrappers, and
// V8 does not see their size; a worker is therefore replaced after a bounded
// number of files, which hands all its memory back at once.
import { availableParallelism } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import { FileReport, FileTask, lintFile } from './lint-file';

/** Files one worker lints before it is replaced. */
const FILES_PER_WORKER = 400;
/** Below this many files, starting workers costs more than it saves. */
const INLINE_BELOW = 24;

export function lintSafely(task: FileTask): FileReport {
  try {
    return lintFile(task);
  } catch (e) {
    const err = e as Error;
    return { path: task.path, messages: [], suppressedCount: 0, written: false, encoding: 'utf8', error: `internal error: ${err.stack ?? err.message}`, internal: true };
  }
}

/** How many workers to use for `files` files when the user did not say. */
export function autoConcurrency(files: number): number {
  if (files < INLINE_BELOW) return 0;
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(files / INLINE_BELOW)));
}

export async function lintAll(tasks: FileTask[], workers: number): Promise<FileReport[]> {
  if (workers <= 0) return tasks.map(lintSafely);
  const reports: FileReport[] = new Array(tasks.length);
  const batch = Math.max(1, Math.min(16, Math.floor(tasks.length / (workers * 8))));
  let next = 0;
  const runWorker = () => new Promise<void>((resolve, reject) => {
    let done = 0;
    let inFlight: number[] = [];
    const spawn = () => {
      const w = new Worker(join(__dirname, 'worker.js'));
      w.on('message', (results: FileReport[]) => {
        results.forEach((r, j) => { reports[inFlight[j]] = r; });
        done += results.length;
        feed();
      });
      w.on('error', reject);
      return w;
    };
    let worker = spawn();
    const feed = () => {
      if (next >= tasks.length) {
        void worker.terminate().then(() => resolve());
        return;
      }
      if (done >= FILES_PER_WORKER) {
        void worker.terminate();
        worker = spawn();
        done = 0;
      }
      inFlight = [];
      for (let i = 0; i < batch && next < tasks.length; i++) inFlight.push(next++);
      worker.postMessage(inFlight.map((i) => tasks[i]));
    };
    feed();
  });
  await Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, runWorker));
  return reports;
}
