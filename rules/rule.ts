// What a rule is and what it reports. Offsets are UTF-16 indices into the
// document text, the unit tree-sitter and JavaScript strings both use.
import type { Analysis } from './engine';
import type { Verdict } from './verdicts';

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Related {
  start: number;
  end: number;
  message: string;
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  related: Related[];
  fix?: Fix;
  /** Why no fix is offered, when the rule is fixable but this case is not. */
  fixRefusal?: string;
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** ShellCheck codes that cover part of the same ground. */
  shellcheck: string[];
  summary: string;
  fixable: boolean;
  /** Markdown: What it does / Why is this bad / Example / Fix. */
  docs: string;
}

export interface RuleContext {
  analysis: Analysis;
  verdicts: Verdict[];
  line(offset: number): number;
  dialectLabel: string;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Diagnostic[];
}
