// ESLint's JSON shape, so tools that read `eslint -f json` read this too.
import type { Formatter } from './types';

export const json: Formatter = (reports) => `${JSON.stringify(reports.map((r) => {
  const counts = (sev: string, fix: boolean) => r.messages.filter((m) => m.severity === sev && (!fix || m.fix)).length;
  return {
    filePath: r.path,
    messages: r.messages.map((m) => ({
      ruleId: m.ruleId,
      // ESLint knows two levels; info is reported as a warning and named in `level`.
      severity: m.severity === 'error' ? 2 : 1,
      level: m.severity,
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      ...(m.fix ? { fix: m.fix } : {}),
      ...(m.suggestions ? { suggestions: m.suggestions } : {}),
      ...(m.fixRefusal ? { fixRefusal: m.fixRefusal } : {}),
      ...(m.related.length ? { related: m.related } : {}),
    })),
    suppressedCount: r.suppressedCount,
    errorCount: counts('error', false),
    fatalErrorCount: 0,
    warningCount: counts('warning', false),
    infoCount: counts('info', false),
    fixableErrorCount: counts('error', true),
    fixableWarningCount: counts('warning', true),
    ...(r.output !== undefined ? { output: r.output } : {}),
    ...(r.uses ? { uses: r.uses.map(({ filePath, start, end, ...u }) => u) } : {}),
    usedDeprecatedRules: [],
  };
}))}\n`;
