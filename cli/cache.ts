// --cache: a report is reused when the file's bytes and execute bit, the options that shape the
// report, aliascope itself and every file its analysis looked for (sourced
// files, found or not) are all unchanged (ESLint's content strategy).
import { createHash } from 'crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import type { FileReport, FileTask } from './lint-file';

interface Entry {
  key: string;
  report: FileReport;
  /** Path → hash of each file the analysis looked for; null when it was missing. */
  sources?: Record<string, string | null>;
}

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');

function hashOf(path: string): string | null {
  try {
    return sha1(readFileSync(path));
  } catch {
    return null;
  }
}

/** aliascope's own code: a new engine must not reuse old reports. */
function toolHash(version: string): string {
  const h = createHash('sha1').update(version);
  for (const dir of [join(__dirname, '..', 'rules'), join(__dirname, '..', 'rules', 'checks'), join(__dirname, '..', 'rules', 'engine'), join(__dirname, '..', 'host'), __dirname]) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.js')).sort()) h.update(f).update(readFileSync(join(dir, f)));
  }
  return h.digest('hex');
}

export const DEFAULT_NAME = '.aliascope-cache';

/** The cache file for --cache-location: inside it when it names a folder, as ESLint does. */
export function cacheFile(location: string): string {
  if (/[/\\]$/.test(location)) return join(location, DEFAULT_NAME);
  try {
    return statSync(location).isDirectory() ? join(location, DEFAULT_NAME) : location;
  } catch {
    return location;
  }
}

export class LintCache {
  private entries: Record<string, Entry> = {};
  private readonly tool: string;
  private dirty = false;

  constructor(private readonly location: string, version: string) {
    this.tool = toolHash(version);
    try {
      const data = JSON.parse(readFileSync(location, 'utf8'));
      if (data.tool === this.tool && typeof data.entries === 'object') this.entries = data.entries;
    } catch { /* no cache yet, or an unreadable one: start afresh */ }
  }

  /** The file's bytes, its execute bit and the options that shape its report. */
  key(task: FileTask, bytes: Buffer, executable: boolean): string {
    const { path, stdin, size, ...shape } = task;
    return sha1(`${sha1(bytes)}\0${executable}\0${JSON.stringify(shape)}`);
  }

  get(path: string, key: string): FileReport | undefined {
    const e = this.entries[path];
    if (!e || e.key !== key) return undefined;
    return Object.entries(e.sources ?? {}).every(([p, h]) => hashOf(p) === h) ? e.report : undefined;
  }

  set(path: string, key: string, report: FileReport): void {
    const sources = report.sources?.length ? Object.fromEntries(report.sources.map((p) => [p, hashOf(p)])) : undefined;
    this.entries[path] = { key, report, ...(sources ? { sources } : {}) };
    this.dirty = true;
  }

  /** Writes the cache through a temporary file; on failure removes it and returns the error. */
  save(): NodeJS.ErrnoException | undefined {
    if (!this.dirty) return undefined;
    const tmp = join(dirname(this.location), `.aliascope-cache-${process.pid}.tmp`);
    try {
      mkdirSync(dirname(this.location), { recursive: true });
    } catch { /* the write below says why */ }
    try {
      writeFileSync(tmp, JSON.stringify({ tool: this.tool, entries: this.entries }));
      renameSync(tmp, this.location);
      return undefined;
    } catch (e) {
      try {
        unlinkSync(tmp);
      } catch { /* never made */ }
      return e as NodeJS.ErrnoException;
    }
  }
}
