import { describe, expect, it } from 'vitest';
import { lint } from '../../rules';
import { LayeredMap } from '../../rules/engine/state';

/** A small seeded generator, so a failure replays. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const entry = (k: string, v: number): string => `${k}=${v}`;

describe('LayeredMap', () => {
  it('behaves as independent copies of a Map through forks, writes and folds', () => {
    const rand = rng(7);
    const maps: { layered: LayeredMap<string, number>; plain: Map<string, number> }[] = [
      { layered: new LayeredMap(), plain: new Map() },
    ];
    for (let step = 0; step < 20_000; step++) {
      const i = Math.floor(rand() * maps.length);
      const m = maps[i];
      // a written form kept from before a write or a fork must not outlive it
      if (rand() < 0.1) m.layered.written(entry);
      if (rand() < 0.2 && maps.length < 64) {
        maps.push({ layered: m.layered.fork(), plain: new Map(m.plain) });
      } else {
        const key = `k${Math.floor(rand() * 200)}`;
        const value = Math.floor(rand() * 4);
        m.layered.set(key, value);
        m.plain.set(key, value);
      }
      if (maps.length >= 64) maps.splice(1 + Math.floor(rand() * 63), 1);
    }
    for (const m of maps) {
      expect(new Map(m.layered)).toEqual(m.plain);
      expect(new Set(m.layered.keys())).toEqual(new Set(m.plain.keys()));
      expect(m.layered.written(entry)).toBe([...m.plain].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => entry(k, v)).join(';'));
    }
    // Every name on which two maps really differ is among the names they report.
    for (const a of maps) {
      for (const b of maps) {
        const differing = a.layered.keysDifferingFrom(b.layered);
        for (const k of new Set([...a.plain.keys(), ...b.plain.keys()])) {
          if (a.plain.get(k) !== b.plain.get(k)) expect(differing.has(k), k).toBe(true);
        }
      }
    }
  });

  it('reports only the names written since a fork when nothing was folded', () => {
    const a = new LayeredMap<string, number>();
    for (let i = 0; i < 100; i++) a.set(`n${i}`, i);
    const b = a.fork();
    const c = a.fork();
    b.set('n1', -1);
    c.set('n2', -2);
    expect([...b.keysDifferingFrom(c)].sort()).toEqual(['n1', 'n2']);
    expect([...a.keysDifferingFrom(a.fork())]).toEqual([]);
  });
});

describe('what an unfollowable command leaves', () => {
  it.each([
    ['eval of a variable', 'eval "$1"'],
    ['a file that cannot be found', '. ./missing.sh'],
  ])('after %s, expand_aliases may be off: a use is not certain to expand', (_, line) => {
    const text = `#!/bin/bash\nshopt -s expand_aliases\nalias ll='ls -l'\n${line}\nll\n`;
    const use = lint(text, { resolveSource: () => undefined }).analysis.uses.find((u) => u.name === 'll')!;
    expect(use.resolutions.map((r) => r.flag)).toEqual([2]);
    expect(use.resolutions.map((r) => r.outcome)).toEqual([2]);
  });
});
