// Formatters load on demand: a run pays only for the one it prints.
import type { Formatter } from './types';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'gcc', 'checkstyle', 'github', 'rdjson', 'diff'] as const;

export function loadFormatter(name: string): Formatter {
  if (!(FORMAT_NAMES as readonly string[]).includes(name)) throw new Error(`unknown format ${name}`);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(`./${name}`)[name] as Formatter;
}

export type { FormatContext, Formatter } from './types';
