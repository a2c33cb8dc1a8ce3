// What the engine claims about each marked use of a test script.
import { DialectId, lint, SourceResolver, Tri } from '../../rules';
import { aliasUses } from '../../rules/uses';

export type Claim = 'E' | 'N' | '?';

export interface Claimed {
  claim: Claim;
  /** For a use claimed to expand: the label its one possible definition prints (`EXP:D3` → D3). */
  def?: string;
}

/** The label after a use: `qa U7` is U7; the head of a chain `qt qa U7` is U7h. */
export function labelAfter(text: string, end: number): string | undefined {
  const after = text.slice(end, end + 24);
  const head = /^\s+q[a-z]\s+(U\d+)\b/.exec(after);
  if (head) return `${head[1]}h`;
  return /^\s+(U\d+)\b/.exec(after)?.[1];
}

/** Follows `source` into the script's other files, as the CLI does on disk. */
export function resolverFor(files: Record<string, string>): SourceResolver {
  return (p) => {
    const name = p.replace(/^\.\//, '');
    return name in files ? { text: files[name], name } : undefined;
  };
}

export function claims(files: Record<string, string>, dialect: DialectId): Map<string, Claimed> {
  const text = files['main.sh'];
  const { analysis } = lint(text, { dialect, filename: 'main.sh', resolveSource: resolverFor(files) });
  const out = new Map<string, Claimed>();
  for (const use of analysis.uses) {
    // labels are unique across a script's files: uses in sourced files are claimed too
    const own = use.file === analysis.file ? text : files[use.file];
    if (use.start < 0 || own === undefined) continue;
    const label = labelAfter(own, use.end);
    if (!label) continue;
    const rs = use.resolutions;
    const claim: Claim = analysis.aborted || use.uncertain || rs.length === 0 ? '?'
      : rs.every((r) => r.outcome === Tri.Yes) ? 'E'
      : rs.every((r) => r.outcome === Tri.No) ? 'N' : '?';
    const values = new Set(rs.flatMap((r) => r.values));
    const only = claim === 'E' && values.size === 1 ? analysis.defs[[...values][0]] : undefined;
    const def = only?.value ? /EXP:(D\d+)/.exec(only.value)?.[1] : undefined;
    out.set(label, def ? { claim, def } : { claim });
  }
  return out;
}

const SHOWN: Record<string, Claim> = { true: 'E', false: 'N', null: '?' };

/**
 * What `--show-uses` claims about each marked use. `def` is the label in the
 * value of the definition it names (read from its `alias` word), '-' when an
 * expanding use names none, undefined when that value prints no label.
 */
export function shownClaims(files: Record<string, string>, dialect: DialectId): Map<string, Claimed> {
  const out = new Map<string, Claimed>();
  for (const u of aliasUses(lint(files['main.sh'], { dialect, filename: 'main.sh', resolveSource: resolverFor(files) }).analysis)) {
    const label = labelAfter(files[u.filePath] ?? '', u.end);
    if (!label) continue;
    const claim = SHOWN[String(u.expands)];
    const d = u.definition;
    const lines = d ? files[d.filePath]?.split('\n') : undefined;
    const word = d && lines ? lines[d.line - 1].slice(d.column - 1) : '';
    const value = /^alias\s+q[a-z]="([^"]*)"/.exec(word)?.[1];
    const def = claim !== 'E' ? undefined : !d ? '-' : /EXP:(D\d+)/.exec(value ?? '')?.[1];
    out.set(label, def ? { claim, def } : { claim });
  }
  return out;
}
