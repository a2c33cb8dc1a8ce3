// Tests fix a whole text through the fix loop the command line and the server
// share, on the core's diagnostics (no directives, no configuration).
import { fixToFixedPoint, FixOutcome } from '../../host/fix-loop';
import { lint, LintOptions } from '../../rules';

export function fixAll(text: string, options: LintOptions = {}): FixOutcome {
  const once = (t: string) => lint(t, { ...options, tree: undefined }).diagnostics;
  return fixToFixedPoint(text, once, once(text));
}
