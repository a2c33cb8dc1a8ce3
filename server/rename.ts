// Renaming an alias: its definitions and uses in the document and in the
// files it sources, as one workspace edit. Files that source the document
// but are not open are not searched.
import { pathToFileURL } from 'url';
import { Position, Range, ResponseError, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { aliasAt, bypassesAlias } from '../rules';
import type { Analysis } from '../rules';
import { rangeOf } from './convert';

/** What bash accepts as an alias name (no quoting, expansions, `/` or `=`). */
const ALIAS_NAME = /^[^\s=/$`'"\\|&;()<>]+$/;

function nameRange(doc: TextDocument, analysis: Analysis, pos: Position): { name: string; range: Range } | null {
  const found = aliasAt(analysis, doc.offsetAt(pos));
  if (!found) return null;
  const x = found.kind === 'use' ? found.use : found.def;
  return { name: x.name, range: rangeOf(doc, x.start, x.start + x.name.length) };
}

export function prepareRename(doc: TextDocument, analysis: Analysis, pos: Position): { range: Range; placeholder: string } | null {
  const at = nameRange(doc, analysis, pos);
  return at ? { range: at.range, placeholder: at.name } : null;
}

export function rename(doc: TextDocument, analysis: Analysis, pos: Position, newName: string): WorkspaceEdit | null {
  const at = nameRange(doc, analysis, pos);
  if (!at) return null;
  if (!ALIAS_NAME.test(newName)) throw new ResponseError(-32602, `\`${newName}\` cannot be an alias name`);
  const docs = new Map<string, TextDocument>([[analysis.file, doc]]);
  const docOf = (file: string): TextDocument | undefined => {
    if (!docs.has(file)) {
      const text = analysis.sources.get(file);
      if (text === undefined || !file.startsWith('/')) return undefined;
      docs.set(file, TextDocument.create(pathToFileURL(file).href, doc.languageId, 0, text));
    }
    return docs.get(file);
  };
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  const edit = (where: TextDocument, start: number) => {
    if (seen.has(`${where.uri}#${start}`)) return;
    seen.add(`${where.uri}#${start}`);
    (changes[where.uri] ??= []).push({ range: rangeOf(where, start, start + at.name.length), newText: newName });
  };
  for (const x of analysis.defs) {
    const where = x.name === at.name && x.start >= 0 ? docOf(x.file) : undefined;
    // a definition's word may start with a quote: `alias 'll=ls -l'`
    const start = where ? where.getText().indexOf(at.name, x.start) : -1;
    if (where && start >= 0 && start < x.end) edit(where, start);
  }
  for (const u of analysis.uses) {
    const where = u.name === at.name && u.start >= 0 ? docOf(u.file) : undefined;
    // a quoted or escaped name (`\ls`), or one after `command`, runs the plain command on purpose: it keeps its name
    if (!where || where.getText().slice(u.start, u.end) !== at.name || bypassesAlias(u)) continue;
    edit(where, u.start);
  }
  // `unalias name` goes with the alias, or it would fail (and end a `set -e` script)
  for (const u of analysis.unaliases) {
    const where = u.name === at.name ? docOf(u.file) : undefined;
    if (where && where.getText().startsWith(at.name, u.nameAt)) edit(where, u.nameAt);
  }
  return { changes };
}
