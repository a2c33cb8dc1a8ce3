// Formatters load on demand: a run pays only for the one it prints. Each is
// named in full so a bundler can find them.
/* eslint-disable @typescript-eslint/no-var-requires */
import type { Formatter } from './types';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'gcc', 'checkstyle', 'github', 'rdjson', 'diff'] as const;

export function loadFormatter(name: string): Formatter {
  switch (name) {
    case 'stylish': return require('./stylish').stylish;
    case 'json': return require('./json').json;
    case 'sarif': return require('./sarif').sarif;
    case 'gcc': return require('./gcc').gcc;
    case 'checkstyle': return require('./checkstyle').checkstyle;
    case 'github': return require('./github').github;
    case 'rdjson': return require('./rdjson').rdjson;
    case 'diff': return require('./diff').diff;
    default: throw new Error(`unknown format ${name}`);
  }
}

export type { FormatContext, Formatter } from './types';
