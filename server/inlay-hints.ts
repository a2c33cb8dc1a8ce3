// Inlay hints: a short mark after each alias use that does not expand, or that
// expands to a definition other than the nearest one above it (every use with
// `aliascope.inlayHints.allUses`). The hint's tooltip is the hover's reason.
import { InlayHint, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { aliasUses, definitionPlace, Place, UseReport } from '../rules';
import type { Analysis } from '../rules';

const samePlace = (a: Place | null, b: Place | null) => !!a && !!b && a.filePath === b.filePath && a.line === b.line && a.column === b.column;

function label(u: UseReport): string {
  if (u.expands === false) return '✗ not expanded';
  if (u.expands === null) return '? may not expand';
  const d = u.definition;
  return d ? `✓ alias @${d.line}` : '✓ expands';
}

export function inlayHints(doc: TextDocument, analysis: Analysis, range: Range, allUses: boolean): InlayHint[] {
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const hints: InlayHint[] = [];
  for (const u of aliasUses(analysis)) {
    if (u.filePath !== analysis.file || u.end < from || u.start > to) continue;
    const above = analysis.defs.filter((d) => d.file === analysis.file && d.name === u.name && d.start >= 0 && d.start < u.start);
    const nearest = above.reduce<(typeof above)[number] | undefined>((a, d) => (a && a.start > d.start ? a : d), undefined);
    const expected = u.expands === true && nearest && samePlace(u.definition, definitionPlace(analysis, nearest));
    if (!allUses && expected) continue;
    hints.push({ position: doc.positionAt(u.end), label: label(u), paddingLeft: true, tooltip: u.reason });
  }
  return hints;
}
