// GitHub Actions workflow commands: annotations on the pull request's diff.
import { relative, sep } from 'path';
import type { Formatter } from './types';

/** The message part: %, CR and LF are escaped. */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Property values also escape the `:` and `,` that separate properties. */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const github: Formatter = (reports, ctx) => reports.flatMap((r) => r.messages.map((m) => {
  const file = (relative(ctx.cwd, r.path) || r.path).split(sep).join('/');
  const level = m.severity === 'info' ? 'notice' : m.severity;
  const props = [
    `file=${escapeProperty(file)}`, `line=${m.line}`, `col=${m.column}`,
    `endLine=${m.endLine}`, `endColumn=${m.endColumn}`, `title=${escapeProperty(`aliascope: ${m.ruleId}`)}`,
  ];
  return `::${level} ${props.join(',')}::${escapeData(m.message)}\n`;
})).join('');
