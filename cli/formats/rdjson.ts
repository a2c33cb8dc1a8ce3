// reviewdog's Diagnostic Format (rdjson). Its columns count UTF-8 bytes.
import { relative, sep } from 'path';
import type { Message } from '../lint-file';
import { DOCS_BASE, Formatter } from './types';

/** A 1-based UTF-16 column of `line` as a 1-based UTF-8 byte column. */
const byteColumn = (line: string, column: number): number => Buffer.byteLength(line.slice(0, column - 1)) + 1;

export const rdjson: Formatter = (reports, ctx) => {
  const severity = (m: Message) => (m.severity === 'info' ? 'INFO' : m.severity.toUpperCase());
  const diagnostics = reports.flatMap((r) => r.messages.map((m) => {
    const path = (relative(ctx.cwd, r.path) || r.path).split(sep).join('/');
    // Only the start line's text is at hand: an end on another line keeps its UTF-16 column.
    const end = m.endLine === m.line ? byteColumn(m.lineText, m.endColumn) : m.endColumn;
    const range = { start: { line: m.line, column: byteColumn(m.lineText, m.column) }, end: { line: m.endLine, column: end } };
    return {
      message: m.message,
      location: { path, range },
      severity: severity(m),
      source: { name: 'aliascope' },
      code: { value: m.ruleId, ...(m.ruleId !== 'directive' ? { url: `${DOCS_BASE}${m.ruleId}.md` } : {}) },
    };
  }));
  return `${JSON.stringify({ source: { name: 'aliascope', url: 'https://github.com/aliascope/aliascope' }, diagnostics })}\n`;
};
