// ParsedTexts keeps the units of sourced files across analyses: by file name,
// read mode and exact text, within a bound on the text it keeps.
import { describe, expect, it } from 'vitest';
import { ParsedTexts } from '../../rules/engine/parsed-texts';
import type { Unit } from '../../rules/units';

/** Units standing for a text, and how often each text was split. */
function splitter() {
  const splits = new Map<string, number>();
  const split = (text: string) => () => {
    splits.set(text, (splits.get(text) ?? 0) + 1);
    return [{ start: 0, end: text.length, statements: [], uncertain: false }] as Unit[];
  };
  return { splits, split };
}

describe('ParsedTexts', () => {
  it('splits a text once per file name and read mode', () => {
    const kept = new ParsedTexts();
    const { splits, split } = splitter();
    const a = kept.units('/lib/a.sh', 'x=1\n', false, split('x=1\n'));
    expect(kept.units('/lib/a.sh', 'x=1\n', false, split('x=1\n'))).toBe(a);
    expect(splits.get('x=1\n')).toBe(1);
    expect(kept.units('/lib/a.sh', 'x=1\n', true, split('x=1\n'))).not.toBe(a);
    expect(kept.units('/lib/b.sh', 'x=1\n', false, split('x=1\n'))).not.toBe(a);
    expect(splits.get('x=1\n')).toBe(3);
  });

  it('splits a file again when its text is not the one kept', () => {
    const kept = new ParsedTexts();
    const { splits, split } = splitter();
    const before = kept.units('/lib/a.sh', 'x=1\n', false, split('x=1\n'));
    const after = kept.units('/lib/a.sh', 'x=2\n', false, split('x=2\n'));
    expect(after).not.toBe(before);
    expect(kept.units('/lib/a.sh', 'x=2\n', false, split('x=2\n'))).toBe(after);
    expect([...splits.values()]).toEqual([1, 1]);
  });

  it('keeps at most its capacity of text, dropping the least recently used first', () => {
    const kept = new ParsedTexts(10);
    const { splits, split } = splitter();
    const [a, b, c] = ['aaaa', 'bbbb', 'cccc'];
    kept.units('a', a, false, split(a));
    kept.units('b', b, false, split(b));
    kept.units('a', a, false, split(a)); // a is now the most recent
    kept.units('c', c, false, split(c)); // 12 characters: b goes
    kept.units('a', a, false, split(a));
    kept.units('b', b, false, split(b));
    expect(Object.fromEntries(splits)).toEqual({ aaaa: 1, bbbb: 2, cccc: 1 });
    const long = 'x'.repeat(11);
    kept.units('long', long, false, split(long));
    kept.units('long', long, false, split(long));
    expect(splits.get(long)).toBe(2);
  });
});
