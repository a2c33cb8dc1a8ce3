// From the core's offsets and severities to LSP's ranges and enums.
import {
  Diagnostic as LspDiagnostic, DiagnosticSeverity, DiagnosticTag, Range, TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, RULES_BY_ID, Severity, TextEdit } from '../rules';

export const SOURCE = 'aliascope';
export const DOCS_BASE = 'https://github.com/aliascope/aliascope/blob/main/docs/rules/';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Rules whose report marks code that has no effect: editors fade it. */
const UNNECESSARY = new Set(['alias-never-expands']);

export function rangeOf(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function toLspDiagnostic(doc: TextDocument, d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: rangeOf(doc, d.start, d.end),
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    source: SOURCE,
    message: d.message,
    relatedInformation: d.related
      .filter((r) => r.start >= 0)
      .map((r) => ({ location: { uri: doc.uri, range: rangeOf(doc, r.start, r.end) }, message: r.message })),
  };
  if (RULES_BY_ID.has(d.ruleId)) out.codeDescription = { href: `${DOCS_BASE}${d.ruleId}.md` };
  if (UNNECESSARY.has(d.ruleId)) out.tags = [DiagnosticTag.Unnecessary];
  return out;
}

export function toLspEdits(doc: TextDocument, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: rangeOf(doc, e.start, e.end), newText: e.text }));
}

/** The offsets a diagnostic sent to a client covers, to match it back to ours. */
export function sameSpot(doc: TextDocument, lsp: LspDiagnostic, d: Diagnostic): boolean {
  return lsp.code === d.ruleId
    && doc.offsetAt(lsp.range.start) === d.start && doc.offsetAt(lsp.range.end) === d.end;
}
