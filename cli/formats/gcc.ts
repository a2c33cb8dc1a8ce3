// ShellCheck's `-f gcc`: one line per problem, the form editors' error parsers know.
import { displayPath } from './display-path';
import type { Formatter } from './types';

export const gcc: Formatter = (reports, ctx) => reports.flatMap((r) => r.messages.map((m) =>
  `${displayPath(ctx.cwd, r.path)}:${m.line}:${m.column}: ${m.severity === 'info' ? 'note' : m.severity}: ${m.message.replace(/\r?\n/g, ' ')} [${m.ruleId}]\n`)).join('');
