// Hover, go to definition, references and highlights. Definition and
// references point into `source`d files too; highlights stay in the document.
import { pathToFileURL } from 'url';
import {
  DocumentHighlight, DocumentHighlightKind, Hover, Location, MarkupKind, Position,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { aliasAt, bypassesAlias, definitionsOf, explain, Found, inDocument, Tri, usesOf } from '../rules';
import type { AliasDef, Analysis } from '../rules';
import { rangeOf } from './convert';

function at(doc: TextDocument, analysis: Analysis, pos: Position): Found | undefined {
  return aliasAt(analysis, doc.offsetAt(pos));
}

export function hover(doc: TextDocument, analysis: Analysis, pos: Position): Hover | null {
  const found = at(doc, analysis, pos);
  if (!found) return null;
  const [start, end] = found.kind === 'use' ? [found.use.start, found.use.end] : [found.def.start, found.def.start + found.def.name.length];
  const line = (o: number) => doc.positionAt(o).line + 1;
  return {
    contents: { kind: MarkupKind.Markdown, value: explain(analysis, found, line) },
    range: rangeOf(doc, start, end),
  };
}

function nameOf(found: Found): string {
  return found.kind === 'use' ? found.use.name : found.def.name;
}

function defRange(doc: TextDocument, start: number, name: string) {
  return rangeOf(doc, start, start + name.length);
}

/** Where a definition lies: in the document, or in the sourced file it was read from. */
function defLocation(doc: TextDocument, analysis: Analysis, d: AliasDef): Location | undefined {
  if (d.start < 0) return undefined;
  if (d.file === analysis.file) return { uri: doc.uri, range: defRange(doc, d.start, d.name) };
  const text = analysis.sources.get(d.file);
  if (text === undefined || !d.file.startsWith('/')) return undefined;
  const other = TextDocument.create(pathToFileURL(d.file).href, doc.languageId, 0, text);
  return { uri: other.uri, range: defRange(other, d.start, d.name) };
}

export function definition(doc: TextDocument, analysis: Analysis, pos: Position): Location[] {
  const found = at(doc, analysis, pos);
  if (!found) return [];
  const defs = found.kind === 'use' ? definitionsOf(analysis, found.use) : [found.def];
  return defs.flatMap((d) => defLocation(doc, analysis, d) ?? []);
}

export function references(doc: TextDocument, analysis: Analysis, pos: Position, withDeclaration: boolean): Location[] {
  const found = at(doc, analysis, pos);
  if (!found) return [];
  const name = nameOf(found);
  const out: Location[] = [];
  if (withDeclaration) {
    for (const d of analysis.defs) {
      const loc = d.name === name ? defLocation(doc, analysis, d) : undefined;
      if (loc) out.push(loc);
    }
  }
  for (const { use } of usesOf(analysis, name)) {
    // `\ls` and `command ls` name the command, not the alias: rename leaves them too
    if (!bypassesAlias(use)) out.push({ uri: doc.uri, range: rangeOf(doc, use.start, use.end) });
  }
  return out;
}

/** Definitions are writes; uses that expand are reads; uses that do not expand are plain text. */
export function highlights(doc: TextDocument, analysis: Analysis, pos: Position): DocumentHighlight[] {
  const found = at(doc, analysis, pos);
  if (!found) return [];
  const name = nameOf(found);
  const out: DocumentHighlight[] = analysis.defs
    .filter((d) => d.name === name && inDocument(analysis, d))
    .map((d) => ({ range: defRange(doc, d.start, name), kind: DocumentHighlightKind.Write }));
  for (const { use, expands } of usesOf(analysis, name)) {
    out.push({ range: rangeOf(doc, use.start, use.end), kind: expands === Tri.No ? DocumentHighlightKind.Text : DocumentHighlightKind.Read });
  }
  return out;
}
