// Golden-file comparison: a missing golden file fails the test, so a test can
// never pass by writing the very file it checks; UPDATE_GOLDEN=1 (re)writes it.
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { expect } from 'vitest';

export const updating = (): boolean => process.env.UPDATE_GOLDEN === '1';

/** Compares `actual` with `dir/name`; with UPDATE_GOLDEN=1 writes it first. */
export function expectGolden(dir: string, name: string, actual: string): void {
  const path = join(dir, name);
  if (updating()) writeFileSync(path, actual);
  else if (!existsSync(path)) throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1 to create it, then review it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
