// `.aliascoperc.json`, found by walking up from a document to its workspace
// root. JSON only: reading configuration never runs code. Only the keys the
// language server uses are read here (`rules`, `shell`).
import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import type { DialectId } from '../rules';
import { isDialect, RuleSetting, ruleSettings } from './settings';

export const RC_NAME = '.aliascoperc.json';

export interface RcConfig {
  path: string;
  rules: Record<string, RuleSetting>;
  shell?: DialectId;
}

export class RcFiles {
  /** Directory → the config found there (null: none there). */
  private readonly cache = new Map<string, RcConfig | null>();

  constructor(private readonly warn: (message: string) => void) {}

  clear(): void {
    this.cache.clear();
  }

  /** The nearest config from `file`'s directory up to `root` (or the filesystem root). */
  find(file: string, root: string | undefined): RcConfig | undefined {
    for (let dir = dirname(file); ; dir = dirname(dir)) {
      const found = this.at(dir);
      if (found) return found;
      if (dir === root || dirname(dir) === dir) return undefined;
    }
  }

  private at(dir: string): RcConfig | null {
    if (this.cache.has(dir)) return this.cache.get(dir)!;
    const path = join(dir, RC_NAME);
    let config: RcConfig | null = null;
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      // no config in this directory
    }
    if (text !== undefined) {
      try {
        const json = JSON.parse(text) as Record<string, unknown>;
        config = { path, rules: ruleSettings(json?.rules), shell: isDialect(json?.shell) ? json.shell : undefined };
      } catch (e) {
        this.warn(`${path}: not valid JSON (${(e as Error).message}); ignored`);
        config = { path, rules: {} };
      }
    }
    this.cache.set(dir, config);
    return config;
  }
}
