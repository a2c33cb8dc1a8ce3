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
// memory and cost CPU, and so does replacing one near the end of a run: with
// half a budget or less left, the worker in place finishes it (on the stress
// corpus, one worker alone: 0.3 s less CPU, no more memory).
import { statSync } from 'fs';
import { selectParser } from '../host/parser';
import { availableParallelism } from 'os';
import { join } from 'path';
import { tiersForRun } from './jit';
import { FileReport, FileTask, lintFile } from './lint-file';
import { write } from './output';

/** Source bytes, and files, one worker lints before it may be replaced... */
const BYTES_PER_WORKER = 4 << 20;
const FILES_PER_WORKER = 2000;
/** ...when the whole process is above this resident size. */
const SOFT_RSS_LIMIT = 160 << 20;
/** A worker is not replaced when less than this is left: a fresh one's start-up and JIT warm-up would cost more than the memory it saves. */
const REPLACE_IF_LEFT_BYTES = BYTES_PER_WORKER / 2;
/** Source bytes the main thread lints itself. */
const MAIN_BYTES = 4 << 20;

/** A worker thread's side: lint each batch the pool posts, and post the reports back. */
export function serveWorker(): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { parentPort } = require('worker_threads') as typeof import('worker_threads');
  const ready = selectParser();
  parentPort!.on('message', (tasks: FileTask[]) => {
    void ready.then(() => tasks.map(lintSafely), (e) => tasks.map((t) => internalError(t, oneLine(e))))
      .then((reports) => parentPort!.postMessage(reports));
  });
}

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

/** What a worker has linted since it started, and what no thread has been handed yet. */
export interface WorkerLoad {
  files: number;
  bytes: number;
  leftBytes: number;
  /** The process's resident size, asked only when the rest holds. */
  rss: () => number;
}

/** Replace the worker with a fresh one before its next batch, to hand its memory back? */
export function replaceWorker(w: WorkerLoad): boolean {
  return (w.files >= FILES_PER_WORKER || w.bytes >= BYTES_PER_WORKER) && w.leftBytes >= REPLACE_IF_LEFT_BYTES && w.rss() > SOFT_RSS_LIMIT;
}

/** Below this many ms of work left, measured on the main thread, a worker costs more than it saves... */
const WORKER_PAYS_MS = 250;
/** ...judged only once the main thread has linted for this long (the first files also warm up its JIT). */
const SAMPLE_MS = 15;

/** What the main thread has linted so far, and what is left. */
export interface Progress {
  cores: number;
  /** CPU ms the main thread has spent linting. */
  elapsedMs: number;
  doneBytes: number;
  leftBytes: number;
  leftFiles: number;
}

/**
 * How many threads (the main one included) should lint what is left, when the
 * user did not say: one, unless the work left, at the rate the main thread has
 * measured on the files it linted (the largest first, so a text the engine's
 * gates skip is counted at what it really costs), gives every thread at least
 * WORKER_PAYS_MS. A worker costs ~40 ms of CPU to start and warms up its own
 * JIT; the files that are most of a run (no alias text, so neither parsed nor
 * modelled) cost far less per byte than files that are modelled, so bytes
 * alone, or cores alone, would start workers that cannot pay.
 */
export function autoThreads(p: Progress): number {
  if (p.leftFiles < 2 || p.elapsedMs < SAMPLE_MS || p.doneBytes === 0) return 1;
  const leftMs = (p.elapsedMs / p.doneBytes) * p.leftBytes;
  return Math.max(1, Math.min(p.cores, p.leftFiles, Math.floor(leftMs / WORKER_PAYS_MS)));
}

function sizes(tasks: FileTask[]): number[] {
  return tasks.map((t) => {
    if (t.size !== undefined) return t.size;
    if (t.stdin) return t.stdin.length;
    try {
      return statSync(t.path).size;
    } catch {
      return 0;
    }
  });
}

/**
 * `concurrency` threads lint: the main one, taking the smallest files from the
 * back of the queue between worker messages, and threads - 1 workers taking
 * the largest from the front. Without a number (`auto`), the main thread first
 * lints the largest files alone and starts workers only once autoThreads finds
 * that the work left pays for them, so a run that would not gain from a worker
 * starts none. The main thread saves a worker's start-up, but its memory
 * cannot be handed back, so it stops after MAIN_BYTES of source (with `auto`,
 * once the process is also past SOFT_RSS_LIMIT: most files are never parsed);
 * a single thread with more than that to do hands the rest to a worker.
 */
export async function lintAll(tasks: FileTask[], concurrency?: number): Promise<FileReport[]> {
  const size = sizes(tasks);
  const total = size.reduce((a, b) => a + b, 0);
  tiersForRun(total);
  const reports: FileReport[] = new Array(tasks.length);
  // Largest files first, so no worker is left with a big one at the end.
  const order = tasks.map((_, i) => i).sort((a, b) => size[b] - size[a] || a - b);
  let next = 0;
  let last = order.length;
  let mainBytes = 0;
  let threads = concurrency ?? 1;
  if (concurrency === undefined) {
    const cores = availableParallelism();
    const t0 = process.cpuUsage();
    while (next < last && (mainBytes < MAIN_BYTES || process.memoryUsage.rss() < SOFT_RSS_LIMIT)) {
      const i = order[next++];
      reports[i] = lintSafely(tasks[i]);
      mainBytes += size[i];
      const cpu = process.cpuUsage(t0);
      threads = autoThreads({ cores, elapsedMs: (cpu.user + cpu.system) / 1000, doneBytes: mainBytes, leftBytes: total - mainBytes, leftFiles: last - next });
      if (threads > 1) break;
    }
    if (next >= last) return reports;
  } else if (threads <= 1 && total <= MAIN_BYTES) {
    return tasks.map((t) => lintSafely(t));
  }
  const { Worker } = require('worker_threads') as typeof import('worker_threads');
  const workers = Math.max(1, Math.min(threads - 1, last - next - 1));
  const mainLints = threads > 1;
  /** Source bytes not yet handed to any thread (the main thread has linted mainBytes of them). */
  let leftBytes = total - mainBytes;
  const runWorker = () => new Promise<void>((resolve) => {
    let files = 0;
    let bytes = 0;
    let inFlight: number[] = [];
    const spawn = () => {
      // The worker's own output (a warning, say) is passed on by cli/output, not piped to
      // process.stdout: making that stream turns a pipe non-blocking, and the report
      // written to it then waits for the event loop (see cli/output.ts).
      const w = new Worker(join(__dirname, 'worker.js'), { stdout: true, stderr: true });
      w.stdout.setEncoding('utf8').on('data', (text: string) => write(1, text));
      w.stderr.setEncoding('utf8').on('data', (text: string) => write(2, text));
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
      if (next >= last) {
        void worker.terminate().then(() => resolve());
        return;
      }
      if (replaceWorker({ files, bytes, leftBytes, rss: () => process.memoryUsage.rss() })) {
        void worker.terminate();
        worker = spawn();
        files = 0;
        bytes = 0;
      }
      // Batches shrink as the queue drains, so the threads finish together.
      const batch = Math.max(1, Math.min(16, Math.floor((last - next) / (threads * 4))));
      inFlight = order.slice(next, Math.min(next + batch, last));
      next += inFlight.length;
      files += inFlight.length;
      for (const i of inFlight) {
        bytes += size[i];
        leftBytes -= size[i];
      }
      worker.postMessage(inFlight.map((i) => tasks[i]));
    };
    feed();
  });
  const runMain = async () => {
    let bytes = mainBytes;
    while (mainLints && next < last && bytes < MAIN_BYTES) {
      const i = order[--last];
      leftBytes -= size[i];
      reports[i] = lintSafely(tasks[i]);
      bytes += size[i];
      // Small files only, and a turn of the event loop after each: workers wait little for their next batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all([...Array.from({ length: workers }, runWorker), runMain()]);
  return reports;
}
