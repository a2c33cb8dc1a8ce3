// The default: ESLint's stylish layout, with the offending line shown under each message.
import { displayPath } from './display-path';
import type { Message } from '../lint-file';
import type { Formatter } from './types';

const paint = (on: boolean) => (code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function frame(m: Message, c: (code: string, s: string) => string): string {
  const gutter = String(m.line);
  const width = m.endLine === m.line ? Math.max(1, m.endColumn - m.column) : Math.max(1, m.lineText.length - m.column + 1);
  // Tabs are kept in the caret line so the caret lands under the right character.
  const lead = m.lineText.slice(0, m.column - 1).replace(/[^\t]/g, ' ');
  return `    ${c('2', `${gutter} |`)} ${m.lineText}\n    ${' '.repeat(gutter.length)} ${c('2', '|')} ${lead}${c(m.severity === 'error' ? '31' : '33', '^'.repeat(width))}\n`;
}

export const stylish: Formatter = (reports, ctx) => {
  const c = paint(ctx.color);
  let out = '';
  const count = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  for (const r of reports) {
    if (r.messages.length === 0) continue;
    out += `\n${c('4', displayPath(ctx.cwd, r.path))}\n`;
    for (const m of r.messages) {
      count[m.severity]++;
      if (m.fix) fixable++;
      const sev = m.severity === 'error' ? c('31', 'error  ') : m.severity === 'warning' ? c('33', 'warning') : c('34', 'info   ');
      out += `  ${c('2', `${m.line}:${m.column}`)}  ${sev}  ${m.message}  ${c('2', m.ruleId)}\n`;
      out += frame(m, c);
    }
  }
  const total = count.error + count.warning + count.info;
  if (total === 0) return '';
  const parts = [plural(count.error, 'error'), plural(count.warning, 'warning')];
  if (count.info) parts.push(plural(count.info, 'info'));
  out += `\n${c(count.error ? '31;1' : '33;1', `✖ ${plural(total, 'problem')} (${parts.join(', ')})`)}\n`;
  if (fixable) out += c(count.error ? '31;1' : '33;1', `  ${plural(fixable, 'problem')} potentially fixable with the \`--fix\` option.`) + '\n';
  return out;
};
