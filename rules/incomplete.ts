// The report that an analysis ran out of budget (its size, its number of
// top-level commands or its time), shared by the CLI and the language server
// so that such a file never passes silently in either.
import type { Diagnostic } from './rule';

export const ANALYSIS_INCOMPLETE = 'analysis-incomplete';

/** An info diagnostic at the start of the file when the analysis stopped early; none otherwise. */
export function incompleteDiagnostic(analysis: { aborted?: boolean }): Diagnostic | undefined {
  if (!analysis.aborted) return undefined;
  return {
    ruleId: ANALYSIS_INCOMPLETE, severity: 'info', start: 0, end: 0, related: [],
    message: 'Analysis incomplete: the file is over the analysis budget (its size, its number of commands or the time allowed), so alias problems in it may be missing.',
  };
}
