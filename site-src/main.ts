// The playground: an editor that lints as you type with the same analysis as
// the command line, on the wasm parser, with no server behind it.
import { EditorState, RangeSet, StateEffect, StateField } from '@codemirror/state';
import { drawSelection, EditorView, gutter, GutterMarker, highlightActiveLine, hoverTooltip, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { forceLinting, linter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import type { Action, Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import { defaultHighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import { aliasAt, DIALECT_IDS, DIALECTS, explain, LineIndex, lint } from '../rules';
import type { DialectId, Fix, LintResult } from '../rules';
import seed from '../examples/kubectl-seed.sh';
import { loadParser } from './parser';
import { decodeState, encodeState, PageState } from './permalink';
import { renderProblems } from './problems';
import { useMarks, UseMark } from './uses';
import { markdownToDom } from './explain-html';

/** Pause after a keystroke before the analysis runs: short, since a script of a few hundred lines takes milliseconds. */
const LINT_DELAY_MS = 150;

const select = document.getElementById('dialect') as HTMLSelectElement;
const problems = document.getElementById('problems')!;
const status = document.getElementById('status')!;
const state: PageState = decodeState(location.hash, { script: seed, shell: 'auto' });

for (const id of DIALECT_IDS) select.add(new Option(DIALECTS[id].label, id));
select.value = DIALECT_IDS.includes(state.shell as DialectId) ? state.shell : 'auto';

/** The latest analysis, and the text it is of: a hover or fix on another text waits for the next. */
let latest: { text: string; shell: string; result: LintResult } | undefined;

function analyse(text: string): LintResult {
  const shell = select.value;
  if (latest?.text === text && latest.shell === shell) return latest.result;
  const result = lint(text, { dialect: shell === 'auto' ? undefined : (shell as DialectId) });
  latest = { text, shell, result };
  return result;
}

// ---- gutter marks: does each alias use expand?
class UseMarker extends GutterMarker {
  constructor(readonly mark: UseMark) { super(); }
  eq(other: UseMarker): boolean { return other.mark.label === this.mark.label && other.mark.title === this.mark.title; }
  toDOM(): Node {
    const el = document.createElement('span');
    el.className = `use-mark ${this.mark.expands}`;
    el.textContent = this.mark.label;
    el.title = this.mark.title;
    return el;
  }
}
const setMarks = StateEffect.define<RangeSet<GutterMarker>>();
const marksField = StateField.define<RangeSet<GutterMarker>>({
  create: () => RangeSet.empty,
  update(marks, tr) {
    for (const e of tr.effects) if (e.is(setMarks)) return e.value;
    return marks.map(tr.changes);
  },
});
const useGutter = gutter({ class: 'cm-use-gutter', markers: (view) => view.state.field(marksField) });

// ---- diagnostics, their fixes, the list beside the editor
function fixAction(linted: string, fix: Fix): Action {
  return {
    name: fix.title,
    apply(v) {
      // offsets are the linted text's; a fix on text edited since waits for the next analysis
      if (v.state.doc.toString() !== linted) return;
      v.dispatch({ changes: fix.edits.map((e) => ({ from: e.start, to: e.end, insert: e.text })) });
    },
  };
}

function goTo(view: EditorView, offset: number): void {
  view.dispatch({ selection: { anchor: offset }, scrollIntoView: true });
  view.focus();
}

function lintSource(view: EditorView): EditorDiagnostic[] {
  const text = view.state.doc.toString();
  const started = performance.now();
  const result = analyse(text);
  const marks = useMarks(result.analysis).map((m) => new UseMarker(m).range(view.state.doc.lineAt(m.start).from));
  view.dispatch({ effects: setMarks.of(RangeSet.of(marks, true)) });
  renderProblems(problems, text, result.diagnostics, (offset) => goTo(view, offset));
  status.textContent = `${result.diagnostics.length} problem${result.diagnostics.length === 1 ? '' : 's'} · ${result.dialect.dialect.label} · ${Math.round(performance.now() - started)} ms`;
  // when the latest diagnostics were ready, in ms since navigation: what the browser test measures
  document.body.dataset.analysed = String(performance.now());
  return result.diagnostics.map((d) => ({
    from: d.start,
    to: d.end,
    severity: d.severity,
    source: d.ruleId,
    message: d.fixRefusal ? `${d.message} (No fix: ${d.fixRefusal}.)` : d.message,
    actions: [d.fix, ...(d.suggestions ?? [])].filter((f): f is Fix => !!f).map((f) => fixAction(text, f)),
  }));
}

const hover = hoverTooltip((view, pos) => {
  const text = view.state.doc.toString();
  if (latest?.text !== text) return null;
  const found = aliasAt(latest.result.analysis, pos);
  if (!found) return null;
  const lines = new LineIndex(text);
  const [from, to] = found.kind === 'use' ? [found.use.start, found.use.end] : [found.def.start, found.def.start + found.def.name.length];
  return {
    pos: from,
    end: to,
    create: () => ({ dom: markdownToDom(explain(latest!.result.analysis, found, (o) => lines.position(o).line + 1)) }),
  };
});

function remember(view: EditorView): void {
  window.history.replaceState(null, '', encodeState({ script: view.state.doc.toString(), shell: select.value }));
}

async function start(): Promise<void> {
  const loading = loadParser(new URL('.', document.baseURI));
  const view = new EditorView({
    parent: document.getElementById('editor')!,
    state: EditorState.create({
      doc: state.script,
      extensions: [
        lineNumbers(), useGutter, marksField, history(), drawSelection(), highlightActiveLine(),
        keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
        StreamLanguage.define(shell), syntaxHighlighting(defaultHighlightStyle),
        hover,
        EditorView.updateListener.of((u) => { if (u.docChanged) remember(u.view); }),
      ],
    }),
  });
  // the text did not change, so the linter would not run again by itself
  select.addEventListener('change', () => { remember(view); view.dispatch(setDiagnostics(view.state, lintSource(view))); });
  await loading;
  // the linter joins once the parser is ready, so its first pass already has a result
  view.dispatch({ effects: StateEffect.appendConfig.of(linter(lintSource, { delay: LINT_DELAY_MS })) });
  forceLinting(view);
  // a link followed in the same tab changes only the fragment: load what it holds
  window.addEventListener('hashchange', () => {
    const next = decodeState(location.hash, { script: view.state.doc.toString(), shell: 'auto' });
    select.value = DIALECT_IDS.includes(next.shell as DialectId) ? next.shell : 'auto';
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next.script } });
    view.dispatch(setDiagnostics(view.state, lintSource(view)));
  });
  // the editor, for the browser test to read its text and positions
  (window as unknown as { playground: unknown }).playground = { view };
}

start().catch((e) => { status.textContent = `The parser failed to load: ${e}`; });
