// knownNameOffsets and namesRunWord find the words that spell known alias
// names, or the builtins the runner acts on, with one regular expression (for
// many names, knownNameOffsets looks at each word instead). The
// references below are the plain definitions, a look at every word; each pair
// must agree on every text and every set of names.
import { existsSync, readdirSync, readFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { RUN_WORDS } from '../../rules/engine/builtins';
import { knownNameOffsets, namesRunWord } from '../../rules/engine/gates';
import { roughWords } from '../../rules/engine/rough-text';

/** A word: a run of anything but separators, backslash-newlines included. */
const WORD = /(?:\\\n|[^\s;&|()<>`])+/g;

function reference(text: string, names: ReadonlySet<string>): number[] {
  const at: number[] = [];
  for (const m of text.matchAll(WORD)) {
    const lead = /^(?:\\\n)*/.exec(m[0])![0];
    const word = m[0].slice(lead.length).replace(/\\\n/g, '').replace(/['"\\]/g, '');
    if (names.has(word)) at.push(m.index! + lead.length);
  }
  return at;
}

const runWordReference = (text: string): boolean => roughWords(text).some((w) => RUN_WORDS.has(w));

/** The same names and 40 no text spells: past 32 names, knownNameOffsets looks at every word instead. */
const many = (names: ReadonlySet<string>): Set<string> => new Set([...names, ...Array.from({ length: 40 }, (_, i) => `zzpad${i}zz`)]);

const CORPUS = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'aliascope', 'corpus');
const CORPUS_STEP = 10;

/** A seeded generator, so a failure names a text that can be made again. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('knownNameOffsets and namesRunWord', () => {
  it('finds a name however it is quoted or continued, and only as a whole word', () => {
    const names = new Set(['zzq', 'k.x']);
    const cases: [string, number[]][] = [
      ['zzq', [0]],
      [' zzq arg', [1]],
      ['azzq zzqa kxx', []],
      ["'zzq' \"zz\"q z\\zq", [0, 6, 12]],
      ['z\\\nzq', [0]],
      // a backslash-newline inside a word joins it to the next line, and one that opens a word is skipped
      ['a\\\nzzq', []],
      [' \\\n\\\nzzq;k.x', [5, 9]],
      ['x=$(zzq)`zzq`', [4, 9]],
      ['zzq\\\nx', []],
      // an escaped separator other than a newline still ends the word before it
      ['\\;zzq', [2]],
      ['a\\\\\nzzq', []],
    ];
    for (const [text, want] of cases) {
      expect(knownNameOffsets(text, names), JSON.stringify(text)).toEqual(want);
      expect(knownNameOffsets(text, many(names)), `many names, ${JSON.stringify(text)}`).toEqual(want);
      expect(reference(text, names), `reference on ${JSON.stringify(text)}`).toEqual(want);
    }
  });

  // no alias name is empty (isAliasName), so a word of quotes alone is never one
  it('ignores names no word can spell, and regular-expression characters in a name are plain', () => {
    expect(knownNameOffsets("a'b a;b ab", new Set(["a'b", 'a;b', '']))).toEqual([]);
    expect(knownNameOffsets('k.x kax k+ kk', new Set(['k.x', 'k+']))).toEqual([0, 8]);
    // one expression is kept for the last names asked for: other names, however alike, get their own
    expect(knownNameOffsets('a b', new Set(['a', 'b']))).toEqual([0, 2]);
    expect(knownNameOffsets('a b', new Set(['a\nb']))).toEqual([]);
    expect(knownNameOffsets('a b', new Set(['b']))).toEqual([2]);
  });

  it('agree with the word-by-word definitions on random texts', () => {
    const next = rng(12345);
    const alphabet = ['z', 'q', 'k', '.', ' ', '\n', '\\', '\\\n', "'", '"', ';', '(', ')', '`', '$', '=', '\t', '|'];
    const names = new Set(['zq', 'zzq', 'k', 'k.q', 'q']);
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      expect(knownNameOffsets(text, names), JSON.stringify(text)).toEqual(reference(text, names));
      expect(knownNameOffsets(text, many(names)), `many names, ${JSON.stringify(text)}`).toEqual(reference(text, names));
    }
    const builtins = ['e', 'x', 'i', 't', '.', 's', 'v', 'a', 'l', ' ', '\n', '\\', '\\\n', "'", '"', ';', '(', '`', '$', '|'];
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 16) }, () => builtins[Math.floor(next() * builtins.length)]).join('');
      expect(namesRunWord(text), JSON.stringify(text)).toBe(runWordReference(text));
    }
  });

  it.skipIf(!existsSync(CORPUS))(`agree with them on every ${CORPUS_STEP}th file of the Debian corpus (${existsSync(CORPUS) ? CORPUS : 'skipped: no corpus at ~/.cache/aliascope/corpus'})`, () => {
    const files = readdirSync(CORPUS).sort().filter((_, i) => i % CORPUS_STEP === 0);
    const next = rng(777);
    let found = 0;
    let runWords = 0;
    for (const f of files) {
      const text = readFileSync(join(CORPUS, f), 'utf8');
      // names the file's own words spell, and one it does not (a word of quotes alone spells no name)
      const words = [...text.matchAll(WORD)].map((m) => m[0].replace(/\\\n/g, '').replace(/['"\\]/g, '')).filter(Boolean);
      const names = new Set(['aliascope_bench', ...Array.from({ length: 4 }, () => words[Math.floor(next() * words.length)] ?? '')]);
      const want = reference(text, names);
      found += want.length;
      expect(knownNameOffsets(text, names), f).toEqual(want);
      expect(knownNameOffsets(text, many(names)), `many names, ${f}`).toEqual(want);
      // every line, and every run of five, as the statements the runner asks about
      const lines = text.split('\n');
      for (let l = 0; l < lines.length; l++) {
        for (const piece of [lines[l], lines.slice(l, l + 5).join('\n')]) {
          const got = namesRunWord(piece);
          if (got !== runWordReference(piece)) expect(got, `${f}: ${JSON.stringify(piece)}`).toBe(runWordReference(piece));
          runWords += got ? 1 : 0;
        }
      }
    }
    expect(runWords).toBeGreaterThan(1000);
    expect(found).toBeGreaterThan(1000);
  });
});
