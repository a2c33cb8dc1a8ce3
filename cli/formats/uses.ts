// --show-uses: each script with a margin mark per alias use, as git blame or a
// coverage report marks lines: `✓ v@12` expands to the definition on line 12,
// `✗ v` does not expand, `? v` cannot be decided.
import { relative } from 'path';
import type { UseReport } from '../../rules';
import type { Formatter } from './types';

const paint = (on: boolean) => (code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

const MARKS = [
  { expands: true, sign: '✓', colour: '32' },
  { expands: false, sign: '✗', colour: '31' },
  { expands: null, sign: '?', colour: '33' },
] as const;

function mark(u: UseReport, path: string, cwd: string): { text: string; colour: string } {
  const { sign, colour } = MARKS.find((m) => m.expands === u.expands)!;
  const d = u.definition;
  const where = !d ? '' : d.filePath === path ? `@${d.line}` : `@${relative(cwd, d.filePath) || d.filePath}:${d.line}`;
  return { text: `${sign} ${u.name}${where}`, colour };
}

export const showUses: Formatter = (reports, ctx) => {
  const c = paint(ctx.color);
  let out = '';
  for (const r of reports) {
    if (r.text === undefined || !r.uses) continue;
    const lines = r.text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const marks = lines.map(() => [] as { text: string; colour: string }[]);
    for (const u of r.uses) marks[u.line - 1]?.push(mark(u, r.path, ctx.cwd));
    const width = Math.max(0, ...marks.map((m) => m.map((x) => x.text).join(' ').length));
    const gutter = String(lines.length).length;
    out += `${c('4', relative(ctx.cwd, r.path) || r.path)}\n`;
    lines.forEach((text, i) => {
      const plain = marks[i].map((x) => x.text).join(' ');
      const painted = marks[i].map((x) => c(x.colour, x.text)).join(' ');
      out += `${painted}${' '.repeat(width - plain.length)} ${c('2', `${String(i + 1).padStart(gutter)} |`)} ${text.replace(/\r$/, '')}\n`.replace(/ +\n$/, '\n');
    });
  }
  return out;
};
