// How the command line spends memory and CPU on a long run: when a worker is
// replaced to hand its memory back, and when V8's top tier is left out.
import { describe, expect, it } from 'vitest';
import { replaceWorker, WorkerLoad } from '../../cli/pool';
import { capsTiers } from '../../cli/jit';

const MB = 1 << 20;
const load = (over: Partial<WorkerLoad>): WorkerLoad => ({ files: 100, bytes: 5 * MB, leftBytes: 10 * MB, rss: () => 200 * MB, ...over });

describe('replaceWorker', () => {
  it('replaces a worker past its budget while the process is past the soft limit', () => {
    expect(replaceWorker(load({}))).toBe(true);
    expect(replaceWorker(load({ bytes: 0, files: 2000 }))).toBe(true);
  });

  it('keeps a worker within its budget, or while memory is low', () => {
    expect(replaceWorker(load({ bytes: 1 * MB }))).toBe(false);
    expect(replaceWorker(load({ rss: () => 100 * MB }))).toBe(false);
  });

  it('keeps a worker that has little left to do: a fresh one would cost more than it saves', () => {
    // the stress corpus on one worker: 4.5 MB, the budget reached with 0.5 MB left
    expect(replaceWorker(load({ leftBytes: MB / 2 }))).toBe(false);
    expect(replaceWorker(load({ leftBytes: 2 * MB }))).toBe(true);
  });

  it('asks for the resident size only when the rest would replace', () => {
    let asked = 0;
    replaceWorker(load({ bytes: 0, rss: () => ++asked }));
    replaceWorker(load({ leftBytes: 0, rss: () => ++asked }));
    expect(asked).toBe(0);
  });
});

describe('capsTiers', () => {
  it('leaves a small run alone: loading v8 would cost more than its JIT', () => {
    expect(capsTiers(200_000)).toBe(false);
  });

  it('caps a run of a few corpora, and keeps TurboFan for a run long enough to win its compile time back', () => {
    expect(capsTiers(4.5 * MB)).toBe(true);
    expect(capsTiers(31 * MB)).toBe(true);
    expect(capsTiers(64 * MB)).toBe(false);
  });
});
