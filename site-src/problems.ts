// The list beside the editor, one problem a line as ShellCheck's page shows
// them: `LINE:COL rule-id message`; a click moves the cursor there.
import { LineIndex } from '../rules';
import type { Diagnostic } from '../rules';

export function renderProblems(list: HTMLElement, text: string, diagnostics: Diagnostic[], goTo: (offset: number) => void): void {
  const lines = new LineIndex(text);
  list.replaceChildren(...diagnostics.map((d) => {
    const { line, column } = lines.position(d.start);
    const item = document.createElement('li');
    item.className = d.severity;
    item.dataset.offset = String(d.start);
    const rule = document.createElement('span');
    rule.className = 'rule';
    rule.textContent = d.ruleId;
    item.append(`${line + 1}:${column + 1} `, rule, ` ${d.message}`);
    item.addEventListener('click', () => goTo(d.start));
    return item;
  }));
  if (!diagnostics.length) {
    const none = document.createElement('li');
    none.className = 'none';
    none.textContent = 'No alias problems found.';
    list.append(none);
  }
}
