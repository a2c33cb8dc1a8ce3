// Aliases as symbols: the outline of a document, and "go to symbol" across
// the open documents and the files they source.
import { pathToFileURL } from 'url';
import { DocumentSymbol, SymbolInformation, SymbolKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { inDocument } from '../rules';
import type { Analysis } from '../rules';
import { rangeOf } from './convert';

const detail = (value: string | null) => (value === null ? 'alias (value known only at run time)' : `alias = ${value}`);

/** The document's own alias definitions, in text order. */
export function documentSymbols(doc: TextDocument, analysis: Analysis): DocumentSymbol[] {
  return analysis.defs
    .filter((d) => inDocument(analysis, d) && d.end > d.start)
    .sort((a, b) => a.start - b.start)
    .map((d) => ({
      name: d.name, detail: detail(d.value), kind: SymbolKind.Variable,
      range: rangeOf(doc, d.start, d.end), selectionRange: rangeOf(doc, d.start, d.start + d.name.length),
    }));
}

/** Definitions whose name contains `query`, in the given analyses and the files they read; each place once. */
export function workspaceSymbols(query: string, analysed: { doc: TextDocument; analysis: Analysis }[]): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const seen = new Set<string>();
  const q = query.toLowerCase();
  for (const { doc, analysis } of analysed) {
    for (const d of analysis.defs) {
      if (d.start < 0 || !d.name.toLowerCase().includes(q)) continue;
      const own = d.file === analysis.file;
      const text = own ? undefined : analysis.sources.get(d.file);
      if (!own && (text === undefined || !d.file.startsWith('/'))) continue;
      const where = own ? doc : TextDocument.create(pathToFileURL(d.file).href, doc.languageId, 0, text!);
      const key = `${where.uri}#${d.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name: d.name, kind: SymbolKind.Variable, location: { uri: where.uri, range: rangeOf(where, d.start, d.start + d.name.length) } });
    }
  }
  return out;
}
