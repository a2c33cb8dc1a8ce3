// Turning shell words into the strings the shell would see, where that can be
// known without running anything.
import type { SyntaxNode } from './parse';

const EXPANSIONS = new Set([
  'simple_expansion', 'expansion', 'command_substitution', 'process_substitution',
  'arithmetic_expansion', 'brace_expression',
]);

/**
 * A word of plain characters, single-quoted text and double-quoted text with
 * nothing to expand or escape: most command names and alias arguments. Its
 * value is its text without the quotes, read without asking for its parts.
 * (One plain character per round: a run of them per round would backtrack
 * exponentially on a long word that fails at its end.)
 */
const QUOTED_PLAIN = /^(?:[\w.,:/+@%^=-]|'[^']*'|"[^"$`\\]*")+$/;

const unquoted = (text: string): string => text.replace(/'([^']*)'|"([^"]*)"/g, '$1$2');

function unescapeBare(s: string): string {
  return s.replace(/\\\n/g, '').replace(/\\(.)/gs, '$1');
}

function unescapeDouble(s: string): string {
  return s.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1');
}

/** The literal value of a word, or null when it depends on expansions or globs. */
export function literal(node: SyntaxNode): string | null {
  // each property is a call into the parser: ask once
  switch (node.type) {
    case 'command_name': {
      const text = node.text;
      if (QUOTED_PLAIN.test(text)) return unquoted(text);
      const parts = node.children;
      return parts.length === 1 ? literal(parts[0]) : null;
    }
    case 'word':
    case 'number': {
      const text = node.text;
      if (/[*?[]/.test(text) && !/\\[*?[]/.test(text)) return null;
      return unescapeBare(text);
    }
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return null;
    case 'string': {
      let out = '';
      for (const c of node.namedChildren) {
        if (c.type !== 'string_content') return null;
        out += unescapeDouble(c.text);
      }
      return out;
    }
    case 'concatenation': {
      const text = node.text;
      if (QUOTED_PLAIN.test(text)) return unquoted(text);
      let out = '';
      for (const c of node.children) {
        const v = literal(c);
        if (v === null) return null;
        out += v;
      }
      return out;
    }
    default:
      return null;
  }
}

/** Text that every expansion holds: `$`, a backtick, a brace, or the `<(`/`>(` of a process substitution. */
const MAY_EXPAND = /[$`{]|[<>]\(/;

/** True if any part of the word expands when the command runs. */
export function hasExpansion(node: SyntaxNode): boolean {
  return MAY_EXPAND.test(node.text) && expands(node);
}

function expands(node: SyntaxNode): boolean {
  if (EXPANSIONS.has(node.type)) return true;
  if (node.type === 'raw_string') return false;
  return node.namedChildren.some(expands);
}

/** A name the shells accept for an alias (bash's rule; others are looser). */
export function isAliasName(s: string): boolean {
  return /^[^\s'"\\$`=/|&;<>()]+$/.test(s);
}

/** The text between quotes of a single-quoted or plain double-quoted word. */
export function quotedBody(node: SyntaxNode): { text: string; offset: number } | null {
  if (node.type === 'raw_string') return { text: node.text.slice(1, -1), offset: node.startIndex + 1 };
  if (node.type === 'string' && !/[\\$`]/.test(node.text)) {
    return { text: node.text.slice(1, -1), offset: node.startIndex + 1 };
  }
  return null;
}
