// The first analysis of a long document is what an editor waits for on open.
// Its segment lexing (rules/segments) needs only the text, so a worker thread
// does it while the main thread parses; the engine then finds the segments
// made. Should the thread fail, the engine lexes for itself as usual.
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { Lexed } from '../rules';

export class LexThread {
  private worker: Worker | undefined;
  private failed = false;
  private next = 0;
  private readonly waiting = new Map<number, (lexed: Lexed | undefined) => void>();

  /** Starts the thread ahead of the first document, so its start-up is not waited for. */
  start(): void {
    if (this.worker || this.failed) return;
    try {
      const worker = new Worker(join(__dirname, 'lex-thread.js'));
      // never what keeps the server alive, nor what it waits for on exit
      worker.unref();
      worker.on('message', ({ id, lexed }: { id: number; lexed: Lexed }) => this.settle(id, lexed));
      worker.on('error', () => this.stop());
      worker.on('exit', () => this.stop());
      this.worker = worker;
    } catch {
      this.failed = true;
    }
  }

  /** The segments of `text`, or undefined when the thread is not there to make them. */
  lex(text: string): Promise<Lexed | undefined> {
    this.start();
    if (!this.worker) return Promise.resolve(undefined);
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker!.postMessage({ id, text });
    });
  }

  stop(): void {
    this.failed = true;
    const worker = this.worker;
    this.worker = undefined;
    for (const id of [...this.waiting.keys()]) this.settle(id, undefined);
    worker?.terminate().catch(() => undefined);
  }

  private settle(id: number, lexed: Lexed | undefined): void {
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.(lexed);
  }
}
