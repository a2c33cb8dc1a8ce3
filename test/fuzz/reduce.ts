// A small delta reducer: drops chunks of lines, then of characters, while the
// input still fails the same property. Used by `npm run fuzz -- --reduce SEED`.
import type { FuzzInput } from './generators';
import { check, Property } from './properties';

function ddmin(units: string[], fails: (units: string[]) => boolean, deadline: number): string[] {
  let n = 2;
  while (units.length >= 2 && Date.now() < deadline) {
    const size = Math.ceil(units.length / n);
    let reduced = false;
    for (let i = 0; i < units.length && Date.now() < deadline; i += size) {
      const rest = [...units.slice(0, i), ...units.slice(i + size)];
      if (rest.length > 0 && fails(rest)) {
        units = rest;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (size === 1) break;
      n = Math.min(units.length, n * 2);
    }
  }
  return units;
}

/**
 * The smallest input found that still fails `property`, with the sourced
 * files reduced too. `timeLimitMs` lowers the lint time limit while reducing
 * a slow input, so that candidates fail fast.
 */
export function reduce(input: FuzzInput, property: Property, budgetMs = 120_000): FuzzInput {
  const deadline = Date.now() + budgetMs;
  const fails = (candidate: FuzzInput) => check(candidate).failures.some((f) => f.property === property);
  let current = input;
  const step = (get: () => string, set: (s: string) => FuzzInput) => {
    const lines = get().split(/(?<=\n)/);
    const keptLines = ddmin(lines, (u) => fails(set(u.join(''))), deadline);
    current = set(keptLines.join(''));
    const chars = [...get()];
    current = set(ddmin(chars, (u) => fails(set(u.join(''))), deadline).join(''));
  };
  step(() => current.text, (s) => ({ ...current, text: s }));
  for (const name of Object.keys(current.files ?? {})) {
    if (!current.files![name]) continue;
    step(() => current.files![name], (s) => ({ ...current, files: { ...current.files, [name]: s } }));
  }
  return current;
}
