// `.aliascoperc.json`: found by walking up from each file (nearer files win,
// `"root": true` stops the walk) or named with --config. JSON only, so reading
// a config never runs code. Every key is checked; a bad one names the file, the
// key path and what was expected.
import { readFileSync } from 'fs';
import { dirname, join, relative, sep } from 'path';
import { DIALECT_IDS, DialectId, RULES_BY_ID, Severity } from '../rules';
import { compileGlob, Glob, IgnoreList } from './glob';

export const CONFIG_NAME = '.aliascoperc.json';
export type RuleSetting = Severity | 'off';
const SETTINGS: RuleSetting[] = ['error', 'warning', 'info', 'off'];

export class ConfigError extends Error {}

interface Override {
  files: Glob[];
  excludedFiles: Glob[];
  shell?: DialectId;
  rules: Record<string, RuleSetting>;
  sourcePaths: string[];
}

interface RcFile {
  path: string;
  dir: string;
  root: boolean;
  shell?: DialectId;
  rules: Record<string, RuleSetting>;
  sourcePaths: string[];
  ignores: IgnoreList;
  overrides: Override[];
}

/** What governs one file. */
export interface FileConfig {
  /** Used when the file's directive, shebang and extension say nothing. */
  shell?: DialectId;
  rules: Record<string, RuleSetting>;
  /** Absolute folders searched for `source` targets. */
  sourcePaths: string[];
  /** The config files that applied, for the cache key. */
  files: string[];
}

const posix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

function jsonError(file: string, text: string, e: Error): ConfigError {
  const pos = /position (\d+)/.exec(e.message);
  if (!pos) return new ConfigError(`${file}: invalid JSON: ${e.message}`);
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return new ConfigError(`${file}:${line}:${column}: invalid JSON: ${e.message.replace(/ in JSON at position \d+.*$/, '')}`);
}

class Checker {
  constructor(private readonly file: string) {}

  fail(path: string, expected: string, got: unknown): never {
    throw new ConfigError(`${this.file}: ${path || '(top level)'}: expected ${expected}, got ${JSON.stringify(got)}`);
  }

  object(v: unknown, path: string, keys: string[]): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, 'an object', v);
    for (const k of Object.keys(v)) {
      if (!keys.includes(k)) this.fail(path ? `${path}.${k}` : k, `no such key (known keys: ${keys.join(', ')})`, k);
    }
    return v as Record<string, unknown>;
  }

  strings(v: unknown, path: string): string[] {
    if (!Array.isArray(v)) this.fail(path, 'an array of strings', v);
    v.forEach((s, i) => {
      if (typeof s !== 'string' || !s) this.fail(`${path}[${i}]`, 'a non-empty string', s);
    });
    return v as string[];
  }

  shell(v: unknown, path: string): DialectId {
    if (typeof v !== 'string' || !DIALECT_IDS.includes(v as DialectId)) this.fail(path, `one of ${DIALECT_IDS.join(', ')}`, v);
    return v as DialectId;
  }

  rules(v: unknown, path: string): Record<string, RuleSetting> {
    const o = this.object(v, path, [...RULES_BY_ID.keys()]);
    for (const [id, s] of Object.entries(o)) {
      if (!SETTINGS.includes(s as RuleSetting)) this.fail(`${path}.${id}`, `one of ${SETTINGS.map((x) => `"${x}"`).join(', ')}`, s);
    }
    return o as Record<string, RuleSetting>;
  }
}

export function readConfig(file: string): RcFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new ConfigError(`${file}: cannot read config: ${err.code === 'EISDIR' ? 'is a directory, not a file' : err.code === 'ENOENT' ? 'no such file' : err.message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw jsonError(file, text, e as Error);
  }
  const c = new Checker(file);
  const dir = dirname(file);
  const top = c.object(json, '', ['$schema', 'root', 'shell', 'rules', 'sourcePaths', 'ignorePatterns', 'overrides']);
  if (top.root !== undefined && typeof top.root !== 'boolean') c.fail('root', 'true or false', top.root);
  const abs = (paths: string[]) => paths.map((p) => (p === 'SCRIPTDIR' ? p : join(dir, p)));
  const rc: RcFile = {
    path: file, dir, root: top.root === true,
    shell: top.shell === undefined ? undefined : c.shell(top.shell, 'shell'),
    rules: top.rules === undefined ? {} : c.rules(top.rules, 'rules'),
    sourcePaths: top.sourcePaths === undefined ? [] : abs(c.strings(top.sourcePaths, 'sourcePaths')),
    ignores: new IgnoreList().add(posix(dir), top.ignorePatterns === undefined ? [] : c.strings(top.ignorePatterns, 'ignorePatterns')),
    overrides: [],
  };
  if (top.overrides !== undefined) {
    if (!Array.isArray(top.overrides)) c.fail('overrides', 'an array of objects', top.overrides);
    (top.overrides as unknown[]).forEach((o, i) => {
      const path = `overrides[${i}]`;
      const ov = c.object(o, path, ['files', 'excludedFiles', 'shell', 'rules', 'sourcePaths']);
      if (ov.files === undefined) c.fail(`${path}.files`, 'an array of globs', undefined);
      rc.overrides.push({
        files: c.strings(ov.files, `${path}.files`).map(anywhere),
        excludedFiles: ov.excludedFiles === undefined ? [] : c.strings(ov.excludedFiles, `${path}.excludedFiles`).map(anywhere),
        shell: ov.shell === undefined ? undefined : c.shell(ov.shell, `${path}.shell`),
        rules: ov.rules === undefined ? {} : c.rules(ov.rules, `${path}.rules`),
        sourcePaths: ov.sourcePaths === undefined ? [] : abs(c.strings(ov.sourcePaths, `${path}.sourcePaths`)),
      });
    });
  }
  return rc;
}

/** A glob without a slash matches a file name at any depth, as in .gitignore. */
function anywhere(glob: string): Glob {
  const g = glob.replace(/^\.\//, '');
  return compileGlob(g.includes('/') ? g : `**/${g}`);
}

export class Configs {
  private readonly chains = new Map<string, RcFile[]>();
  private readonly explicit?: RcFile;

  /** With `explicitFile`, that config alone applies to every file. */
  constructor(explicitFile?: string) {
    if (explicitFile) this.explicit = readConfig(explicitFile);
  }

  /** Configs that apply in a folder, farthest first. */
  private chain(dir: string): RcFile[] {
    if (this.explicit) return [this.explicit];
    let chain = this.chains.get(dir);
    if (chain) return chain;
    let own: RcFile | undefined;
    try {
      own = readConfig(join(dir, CONFIG_NAME));
    } catch (e) {
      if (!(e instanceof ConfigError) || !/cannot read config: no such file/.test(e.message)) throw e;
    }
    const parent = dirname(dir);
    const above = own?.root || parent === dir ? [] : this.chain(parent);
    chain = own ? [...above, own] : above;
    this.chains.set(dir, chain);
    return chain;
  }

  forFile(absPath: string): FileConfig {
    const out: FileConfig = { rules: {}, sourcePaths: [], files: [] };
    for (const rc of this.chain(dirname(absPath))) {
      out.files.push(rc.path);
      if (rc.shell) out.shell = rc.shell;
      Object.assign(out.rules, rc.rules);
      out.sourcePaths.unshift(...rc.sourcePaths);
      const rel = posix(relative(rc.dir, absPath));
      for (const o of rc.overrides) {
        if (!o.files.some((re) => re.test(rel)) || o.excludedFiles.some((re) => re.test(rel))) continue;
        if (o.shell) out.shell = o.shell;
        Object.assign(out.rules, o.rules);
        out.sourcePaths.unshift(...o.sourcePaths);
      }
    }
    return out;
  }

  ignores(absPath: string, isDir: boolean): boolean {
    const p = posix(absPath);
    return this.chain(dirname(absPath)).some((rc) => rc.ignores.ignores(p, isDir));
  }
}
