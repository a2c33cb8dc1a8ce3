import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectGolden } from './golden';
import { tempDir } from './temp';

describe('expectGolden', () => {
  const saved = process.env.UPDATE_GOLDEN;
  afterEach(() => { if (saved === undefined) delete process.env.UPDATE_GOLDEN; else process.env.UPDATE_GOLDEN = saved; });

  it('fails when the golden file is missing, and does not create it', () => {
    delete process.env.UPDATE_GOLDEN;
    const dir = tempDir('golden-');
    expect(() => expectGolden(dir, 'x.txt', 'text')).toThrow(/missing.*UPDATE_GOLDEN=1/);
    expect(() => readFileSync(join(dir, 'x.txt'))).toThrow();
  });

  it('fails when the text differs, and passes when it matches', () => {
    delete process.env.UPDATE_GOLDEN;
    const dir = tempDir('golden-');
    writeFileSync(join(dir, 'x.txt'), 'old');
    expect(() => expectGolden(dir, 'x.txt', 'new')).toThrow();
    expectGolden(dir, 'x.txt', 'old');
  });

  it('writes the file under UPDATE_GOLDEN=1', () => {
    process.env.UPDATE_GOLDEN = '1';
    const dir = tempDir('golden-');
    expectGolden(dir, 'x.txt', 'made');
    expect(readFileSync(join(dir, 'x.txt'), 'utf8')).toBe('made');
  });
});
