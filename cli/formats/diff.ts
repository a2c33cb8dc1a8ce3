// Every fix as one unified diff, ready for `git apply`.
import type { Formatter } from './types';

export const diff: Formatter = (reports) => reports.map((r) => r.diff ?? '').join('');
