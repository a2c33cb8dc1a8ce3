// Inline suppression comments, shared by the command line and the language
// server: `# aliascope disable=rule[,rule] [-- reason]` for the next command,
// `# aliascope disable-file[=rule,…]` for the whole file, and ShellCheck's own
// `# shellcheck disable=SC…` for the rules that overlap a ShellCheck code.
import type { SyntaxNode, Tree } from './parse';
import type { Diagnostic, RuleMeta } from './rule';

export interface Directive {
  tool: 'aliascope' | 'shellcheck';
  /** Where the comment itself is. */
  start: number;
  end: number;
  /** The names as written: rule ids, or ShellCheck codes. Empty means all. */
  names: string[];
  /** The text range it silences. */
  scopeStart: number;
  scopeEnd: number;
  reason?: string;
  /** Set when the comment starts like a directive but cannot be read as one: why. It silences nothing. */
  malformed?: string;
}

export interface DirectiveProblem {
  start: number;
  end: number;
  message: string;
}

export interface DirectiveResult {
  kept: Diagnostic[];
  suppressed: Diagnostic[];
  /** Names that silenced nothing (aliascope directives only: ShellCheck may need its own). */
  unused: DirectiveProblem[];
  /** Rule ids that do not exist. */
  unknown: DirectiveProblem[];
}

const AC = /^#[ \t]*aliascope[ \t]+(disable-file|disable)(?:=([^\s]*))?(?:[ \t]+--[ \t]*(.*))?[ \t]*$/;
const SC = /^#[ \t]*shellcheck[ \t]+(.*)$/;
/** What every aliascope directive starts with: one that AC cannot read is reported, not ignored. */
const AC_START = /^#[ \t]*aliascope[ \t]+disable(?:-file)?(?=[=\s]|$)/;

/** The text's tree, or how to get it: most texts hold no directive, and need none. */
export type TreeOrLater = Tree | (() => Tree);

/** Comment nodes that may be directives; a text scan first keeps big files cheap. */
function comments(text: string, later: TreeOrLater): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  // A plain substring search is several times faster than the pattern, and most files have neither word.
  if (!text.includes('aliascope') && !text.includes('shellcheck')) return out;
  const re = /#[ \t]*(?:aliascope|shellcheck)[ \t]/g;
  const tree = typeof later === 'function' ? later() : later;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const node = tree.rootNode.descendantForIndex(m.index);
    // A `#` inside a string or here-document is not a comment.
    if (node.type === 'comment' && node.startIndex === m.index) out.push(node);
  }
  return out;
}

/**
 * What "the next command" covers: the command after the comment (a whole
 * compound command or function), through the end of the line it ends on, so
 * `alias k=x; k` on one line is one thing to silence, as it is one parse unit.
 */
function nextCommandScope(text: string, comment: SyntaxNode): [number, number] {
  let n = comment.nextNamedSibling;
  while (n && n.type === 'comment') n = n.nextNamedSibling;
  if (!n) return [comment.endIndex, comment.endIndex];
  const eol = text.indexOf('\n', n.endIndex);
  return [n.startIndex, eol === -1 ? text.length : eol];
}

/** Where a statement may stand, so a comment line may go before it. */
const STATEMENT_LISTS = new Set(['program', 'compound_statement', 'do_group', 'subshell', 'if_statement', 'elif_clause', 'else_clause', 'case_item']);

/**
 * Where a `# aliascope disable=…` line would silence what is reported at
 * `at`: the start of the line of the innermost statement that holds it and
 * starts its own line, when the directive's scope (nextCommandScope) then
 * reaches `at`; null where no comment line can (a here-document's body, or
 * the second line of a command continued with a backslash past the first
 * command of its line).
 */
export function directiveLineFor(text: string, tree: Tree, at: number): number | null {
  for (let n: SyntaxNode | null = tree.rootNode.descendantForIndex(at); n; n = n.parent) {
    if (!n.parent || !STATEMENT_LISTS.has(n.parent.type) || n.type === 'comment') continue;
    const lineStart = text.lastIndexOf('\n', n.startIndex - 1) + 1;
    if (!/^[ \t]*$/.test(text.slice(lineStart, n.startIndex))) continue;
    const eol = text.indexOf('\n', n.endIndex);
    return at < (eol === -1 ? text.length : eol) + 1 ? lineStart : null;
  }
  return null;
}

/** A directive on the line right after the shebang covers the file, as in ShellCheck. */
function afterShebang(text: string, comment: SyntaxNode): boolean {
  return text.startsWith('#!') && comment.startPosition.row === 1 && comment.startPosition.column === 0;
}

export function findDirectives(text: string, tree: TreeOrLater): Directive[] {
  const out: Directive[] = [];
  for (const c of comments(text, tree)) {
    const body = c.text.replace(/\r$/, '');
    const m = AC.exec(body);
    if (m) {
      const [scopeStart, scopeEnd] = m[1] === 'disable-file' ? [0, text.length] : nextCommandScope(text, c);
      out.push({
        tool: 'aliascope', start: c.startIndex, end: c.endIndex,
        names: (m[2] ?? '').split(',').filter(Boolean),
        scopeStart, scopeEnd,
        reason: m[3]?.trim() || undefined,
      });
      continue;
    }
    if (AC_START.test(body)) {
      out.push({
        tool: 'aliascope', start: c.startIndex, end: c.endIndex, names: [], scopeStart: c.endIndex, scopeEnd: c.endIndex,
        malformed: 'Malformed aliascope directive, which silences nothing: list the rules after `=` with commas and no blanks, and write a reason after ` -- `.',
      });
      continue;
    }
    const s = SC.exec(body);
    if (!s) continue;
    // `# shellcheck disable=SC2262,SC2263 source=x # reason`
    const [keys, ...why] = s[1].split('#');
    const disable = /(?:^|\s)disable=([^\s]+)/.exec(keys);
    if (!disable) continue;
    const [scopeStart, scopeEnd] = afterShebang(text, c) ? [0, text.length] : nextCommandScope(text, c);
    out.push({
      tool: 'shellcheck', start: c.startIndex, end: c.endIndex,
      names: disable[1].split(',').filter(Boolean).map((n) => n.toUpperCase()),
      scopeStart, scopeEnd,
      reason: why.join('#').trim() || undefined,
    });
  }
  return out;
}

/** The rule ids one directive name stands for. */
function ruleIds(d: Directive, name: string, rules: RuleMeta[]): string[] {
  if (d.tool === 'aliascope') return rules.some((r) => r.id === name) ? [name] : [];
  if (name === 'ALL') return rules.filter((r) => r.shellcheck.length > 0).map((r) => r.id);
  const code = /^\d+$/.test(name) ? `SC${name}` : name;
  return rules.filter((r) => r.shellcheck.includes(code)).map((r) => r.id);
}

/** Splits diagnostics into those a directive silences and those it does not. */
export function applyDirectives(text: string, tree: TreeOrLater, diagnostics: Diagnostic[], rules: RuleMeta[]): DirectiveResult {
  // ShellCheck's directives only silence: with nothing to silence, only ours can be reported
  const directives = diagnostics.length === 0 && !text.includes('aliascope') ? [] : findDirectives(text, tree);
  const result: DirectiveResult = { kept: [], suppressed: [], unused: [], unknown: [] };
  for (const d of directives) if (d.malformed) result.unknown.push({ start: d.start, end: d.end, message: d.malformed });
  const entries = directives.filter((d) => !d.malformed).flatMap((d) => {
    if (d.names.length === 0) return [{ d, name: '', ids: rules.map((r) => r.id), used: false }];
    return d.names.map((name) => ({ d, name, ids: ruleIds(d, name, rules), used: false }));
  });
  for (const e of entries) {
    if (e.d.tool === 'aliascope' && e.name && e.ids.length === 0) {
      result.unknown.push({ start: e.d.start, end: e.d.end, message: `Unknown rule \`${e.name}\` in aliascope directive.` });
    }
  }
  const silenced = new Set<Diagnostic>();
  for (const diag of diagnostics) {
    for (const e of entries) {
      if (diag.start >= e.d.scopeStart && diag.start < Math.max(e.d.scopeEnd, e.d.scopeStart + 1) && e.ids.includes(diag.ruleId)) {
        e.used = true;
        silenced.add(diag);
      }
    }
  }
  // Silencing a definition silences every report of the same rule about it, wherever
  // the use is, as ShellCheck drops its SC2263 note with the SC2262 it belongs to.
  const definitions = new Set([...silenced].filter((d) => d.definition && d.definition.start === d.start).map((d) => `${d.ruleId}@${d.start}`));
  for (const diag of diagnostics) {
    if (diag.definition && definitions.has(`${diag.ruleId}@${diag.definition.start}`)) silenced.add(diag);
    (silenced.has(diag) ? result.suppressed : result.kept).push(diag);
  }
  for (const e of entries) {
    if (e.used || e.d.tool !== 'aliascope' || (e.name && e.ids.length === 0)) continue;
    const what = e.name ? `rule \`${e.name}\`` : 'any rule';
    result.unused.push({ start: e.d.start, end: e.d.end, message: `Unused aliascope directive: no problem from ${what} was reported here.` });
  }
  return result;
}
