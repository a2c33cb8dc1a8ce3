// Code actions: each rule's fix, a directive that silences one rule on one
// line, and `source.fixAll.aliascope` for fix-on-save. The fix-all edit can
// be costly (it re-lints until nothing changes), so in the plain menu (the
// light bulb, no `only`) clients that resolve code actions get it lazily.
// Asked for by kind (`only`: what fix-on-save and "Source Action…" send), the
// edit comes with the action: VS Code never resolves actions it runs on save.
import {
  CodeAction, CodeActionKind, CodeActionParams, Diagnostic as LspDiagnostic, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, directiveLineFor, Fix, parse, RULES_BY_ID, Tree, vetFix } from '../rules';
import { sameSpot, SOURCE, toLspEdits } from './convert';
import type { Analysed } from './linter';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
export const FIX_ALL_TITLE = 'Fix all alias problems';

export interface ActionContext {
  doc: TextDocument;
  analysed: Analysed;
  /** The text with every fix applied, to a fixed point. */
  fixedText(): string;
  /** The client can apply versioned `documentChanges`. */
  documentChanges: boolean;
  /** The client resolves a code action's edit on demand. */
  lazyEdits: boolean;
}

export interface FixAllData {
  uri: string;
  version: number;
}

function wanted(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function overlaps(doc: TextDocument, d: Diagnostic, params: CodeActionParams): boolean {
  const start = doc.offsetAt(params.range.start);
  const end = doc.offsetAt(params.range.end);
  return d.start <= end && start <= d.end;
}

export function workspaceEdit(ctx: ActionContext, edits: TextEdit[]): WorkspaceEdit {
  const { doc } = ctx;
  if (!ctx.documentChanges) return { changes: { [doc.uri]: edits } };
  return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
}

export function codeActions(ctx: ActionContext, params: CodeActionParams): CodeAction[] {
  const { doc, analysed } = ctx;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const lspOf = (d: Diagnostic): LspDiagnostic =>
    params.context.diagnostics.find((l) => sameSpot(doc, l, d)) ?? analysed.diagnostics[analysed.reported.indexOf(d)];
  const here = analysed.reported.filter((d) => overlaps(doc, d, params));
  if (wanted(only, CodeActionKind.QuickFix)) {
    for (const d of here) {
      // a fix vetted now is preferred; a suggestion, or a fix that code
      // aliascope cannot follow may break, is offered but never preferred
      for (const [fix, preferred] of [...(d.fix ? [[d.fix, true] as const] : []), ...(d.suggestions ?? []).map((f) => [f, false] as const)]) {
        const problem = vetFix(doc.getText(), fix, analysed.options);
        if (!problem?.certain) actions.push(quickFix(ctx, fix, lspOf(d), preferred && !problem));
      }
    }
    const silenced = new Set<string>();
    // the tree of this very text: a carried analysis holds an earlier one's
    let tree: Tree | undefined;
    const treeOf = () => (tree ??= analysed.exact ? analysed.result.analysis.tree : parse(doc.getText()));
    for (const d of here) {
      if (!RULES_BY_ID.has(d.ruleId)) continue; // notices about directives or file size
      const key = `${d.ruleId}@${doc.positionAt(d.start).line}`;
      if (silenced.has(key)) continue;
      silenced.add(key);
      const action = disableForLine(ctx, d, lspOf(d), treeOf());
      if (action) actions.push(action);
    }
  }
  const fixable = analysed.reported.some((d) => d.fix);
  // Listed in the plain menu too, but only asked for by kind when nothing is fixable.
  if (fixable && wanted(only, FIX_ALL_KIND) && (only || here.length > 0)) {
    const action: CodeAction = { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND };
    if (ctx.lazyEdits && !only) action.data = { uri: doc.uri, version: doc.version } satisfies FixAllData;
    else action.edit = fixAllEdit(ctx);
    actions.push(action);
  }
  return actions;
}

function quickFix(ctx: ActionContext, fix: Fix, diagnostic: LspDiagnostic, preferred: boolean): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    isPreferred: preferred,
    diagnostics: [diagnostic],
    edit: workspaceEdit(ctx, toLspEdits(ctx.doc, fix.edits)),
  };
}

/** A directive line before the statement that holds the finding; none where no comment line can silence it. */
function disableForLine(ctx: ActionContext, d: Diagnostic, diagnostic: LspDiagnostic, tree: Tree): CodeAction | null {
  const { doc } = ctx;
  const at = directiveLineFor(doc.getText(), tree, d.start);
  if (at === null) return null;
  const line = doc.positionAt(at).line;
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)![0];
  const eol = /\r\n$/.test(text) ? '\r\n' : '\n';
  return {
    title: `Disable ${d.ruleId} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit(ctx, [{
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      newText: `${indent}# aliascope disable=${d.ruleId}${eol}`,
    }]),
  };
}

/** One edit covering the span where the fixed text differs from the current one. */
export function fixAllEdit(ctx: ActionContext): WorkspaceEdit {
  const before = ctx.doc.getText();
  const after = ctx.fixedText();
  if (after === before) return workspaceEdit(ctx, []);
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head
    && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const edit = { start: head, end: before.length - tail, text: after.slice(head, after.length - tail) };
  return workspaceEdit(ctx, toLspEdits(ctx.doc, [edit]));
}
