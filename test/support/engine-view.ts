// What the engine claims about each marked use of a test script.
import { DialectId, lint } from '../../rules';

export type Claim = 'E' | 'N' | '?';

export function claims(files: Record<string, string>, dialect: DialectId): Map<string, Claim> {
  const text = files['main.sh'];
  const { analysis } = lint(text, {
    dialect,
    filename: 'main.sh',
    resolveSource: (p) => {
      const name = p.replace(/^\.\//, '');
      return name in files ? { text: files[name], name } : undefined;
    },
  });
  const out = new Map<string, Claim>();
  for (const use of analysis.uses) {
    if (use.start < 0) continue;
    const label = /^\s+(U\d+)\b/.exec(text.slice(use.end, use.end + 12))?.[1];
    if (!label) continue;
    const rs = use.resolutions;
    const claim: Claim = analysis.aborted || use.uncertain || rs.length === 0 ? '?'
      : rs.every((r) => r.outcome === 1) ? 'E'
      : rs.every((r) => r.outcome === 0) ? 'N' : '?';
    out.set(label, claim);
  }
  return out;
}
