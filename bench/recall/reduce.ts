// Delta debugging over lines: the smallest part of a file that keeps a miss in
// its class, still accepted by the shells.

/** Removes chunks of lines while `keeps` holds, halving the chunk size; at most `budget` tries. */
export function reduceLines(text: string, keeps: (text: string) => boolean, budget = 120): string {
  let lines = text.split('\n');
  let size = Math.max(1, lines.length >> 1);
  let tries = 0;
  while (tries < budget) {
    let removed = false;
    for (let i = 0; i < lines.length && tries < budget; ) {
      const candidate = [...lines.slice(0, i), ...lines.slice(i + size)];
      tries++;
      if (candidate.length < lines.length && keeps(candidate.join('\n'))) {
        lines = candidate;
        removed = true;
      } else {
        i += size;
      }
    }
    if (size === 1 && !removed) break;
    if (!removed) size = Math.max(1, size >> 1);
  }
  return lines.join('\n');
}
