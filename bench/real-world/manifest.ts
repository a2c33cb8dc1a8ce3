// bench/real-aliases.json: public scripts that define aliases, named by
// repository, commit and path, with the sha256 of their bytes. Only this list
// is committed; the scripts are collected into a cache folder.
import { readFileSync } from 'fs';
import { join } from 'path';

export interface Entry {
  repo: string;
  commit: string;
  path: string;
  sha256: string;
  /** The mode git records is 100755. */
  executable: boolean;
  /** `linted`, or `sourced`: only there for a linted file's `source` to find. */
  role: 'linted' | 'sourced';
  /** The shell that runs it, when neither shebang nor extension says (a test runner's). */
  shell?: string;
  why: string;
}

export const MANIFEST = join(__dirname, '..', 'real-aliases.json');
export const entries = (): Entry[] => JSON.parse(readFileSync(MANIFEST, 'utf8'));

export function cacheDir(): string {
  return process.env.REAL_ALIASES_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '.', '.cache'), 'aliascope', 'real-aliases');
}

/** Where an entry lies in the cache: owner__name/path. */
export const cached = (e: Entry): string => join(cacheDir(), e.repo.replace('/', '__'), e.path);
