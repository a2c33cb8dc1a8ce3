import { checkstyle } from './checkstyle';
import { diff } from './diff';
import { gcc } from './gcc';
import { github } from './github';
import { json } from './json';
import { rdjson } from './rdjson';
import { sarif } from './sarif';
import { stylish } from './stylish';
import type { Formatter } from './types';

export const FORMATS: Record<string, Formatter> = { stylish, json, sarif, gcc, checkstyle, github, rdjson, diff };
export type { FormatContext, Formatter } from './types';
