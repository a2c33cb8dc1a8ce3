// Every fix as one unified diff, ready for `git apply` and `patch -p1`.
import type { Formatter } from './types';

/** Bytes when a file is Latin-1, so its lines match the file's own bytes; a string otherwise. */
export const diff: Formatter = (reports) => {
  if (!reports.some((r) => r.latin1)) return reports.map((r) => r.diff ?? '').join('');
  return Buffer.concat(reports.map((r) => Buffer.from(r.diff ?? '', r.latin1 ? 'latin1' : 'utf8')));
};
