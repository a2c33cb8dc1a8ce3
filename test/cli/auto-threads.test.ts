// `--concurrency auto` chooses its threads from the work measured, not from the core count.
import { describe, expect, it } from 'vitest';
import { autoThreads, Progress } from '../../cli/pool';

const p = (over: Partial<Progress>): Progress => ({ cores: 8, elapsedMs: 50, doneBytes: 1e6, leftBytes: 1e6, leftFiles: 500, ...over });

describe('autoThreads', () => {
  it('stays on one thread while the work left is too little to pay a worker', () => {
    // 622 completion files, 1.2 MB, no alias text: ~0.1 s of work in all
    expect(autoThreads(p({ elapsedMs: 40, doneBytes: 400_000, leftBytes: 800_000 }))).toBe(1);
    // however many cores there are
    expect(autoThreads(p({ cores: 64, elapsedMs: 40, doneBytes: 400_000, leftBytes: 800_000 }))).toBe(1);
  });

  it('does not judge before it has measured enough', () => {
    expect(autoThreads(p({ elapsedMs: 5, doneBytes: 1, leftBytes: 1e9 }))).toBe(1);
    expect(autoThreads(p({ doneBytes: 0 }))).toBe(1);
  });

  it('adds threads as the work left grows, up to the cores and the files left', () => {
    // 100 ms per MB measured, 6 MB left: 600 ms, two threads of 300 ms each
    expect(autoThreads(p({ elapsedMs: 100, doneBytes: 1e6, leftBytes: 6e6 }))).toBe(2);
    expect(autoThreads(p({ elapsedMs: 100, doneBytes: 1e6, leftBytes: 20e6 }))).toBe(8);
    expect(autoThreads(p({ cores: 2, elapsedMs: 100, doneBytes: 1e6, leftBytes: 20e6 }))).toBe(2);
    expect(autoThreads(p({ elapsedMs: 100, doneBytes: 1e6, leftBytes: 20e6, leftFiles: 3 }))).toBe(3);
  });

  it('never starts a worker for one file left', () => {
    expect(autoThreads(p({ elapsedMs: 1000, doneBytes: 1, leftBytes: 1e9, leftFiles: 1 }))).toBe(1);
  });
});
