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
  /** Functions the fix defines: checked against aliases of the same name where they are read. */
  defines?: string[];
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
  /** The alias definition the report is about: a directive that silences it silences this report too. */
  definition?: { start: number; end: number };
  /** Applied by `--fix` and fix-on-save: it makes the use run the alias body and changes nothing that worked. */
  fix?: Fix;
  /** Offered in an editor, never applied by `--fix`: right in most scripts, but it may change what works (ESLint's suggestions). */
  suggestions?: Fix[];
  /** Why `--fix` applies nothing here: why there is no fix, or why the suggestion is only a suggestion. */
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
  /** 1-based line of an offset in the document. */
  line(offset: number): number;
  /** "line N", or "line N of FILE" for what lies in a sourced file. */
  place(x: { file: string; start: number }): string;
  dialectLabel: string;
  /** What the caller knows of the file on disk. */
  file: FileFacts;
}

/** Facts about a file that its text does not hold; undefined where the caller cannot tell. */
export interface FileFacts {
  /** It has an exec bit. */
  executable?: boolean;
  /** Another file the caller lints sources it. */
  sourced?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Diagnostic[];
}
