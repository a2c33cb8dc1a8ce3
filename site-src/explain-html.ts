// The hover's markdown (rules/explain.ts) as DOM: it uses only paragraphs,
// `- ` items, `code`, **strong** and _emphasis_, so a full markdown parser
// would be most of the page's weight for nothing.
const INLINE = /`([^`]*)`|\*\*([^*]+)\*\*|_([^_]+)_/g;

function inline(parent: HTMLElement, text: string): void {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    parent.append(text.slice(last, m.index));
    const [tag, content] = m[1] !== undefined ? ['code', m[1]] : m[2] !== undefined ? ['strong', m[2]] : ['em', m[3]];
    const el = document.createElement(tag);
    el.textContent = content;
    parent.append(el);
    last = m.index! + m[0].length;
  }
  parent.append(text.slice(last));
}

export function markdownToDom(markdown: string): HTMLElement {
  const root = document.createElement('div');
  root.className = 'explain';
  for (const block of markdown.split(/\n\n+/)) {
    const el = document.createElement('p');
    inline(el, block.startsWith('- ') ? `• ${block.slice(2)}` : block);
    root.append(el);
  }
  return root;
}
