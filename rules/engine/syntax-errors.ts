// Units a dialect's shell cannot read: it stops at the syntax error as it
// reads the unit, before running any of it, so nothing from there on runs.
import type { Dialect } from '../dialects';
import type { SyntaxNode } from '../parse';
import type { Unit } from '../units';

/** `function name` spelled out where a command starts. */
const FUNCTION_KEYWORD = /(?:^|[\s;&|(])function[ \t]/;

/** Whether a function definition's `{` is on the line of its name. */
export function braceOnFirstLine(def: SyntaxNode): boolean {
  return def.childForFieldName('body')?.startPosition.row === def.startPosition.row;
}

/** Whether the dialect's shell stops as it reads the unit made of these parts of `text`. */
export function unreadable(parts: Unit[], text: string, dialect: Dialect): boolean {
  const functions = !(dialect.functionKeyword && dialect.functionKeywordParens);
  if (!functions && dialect.hereStrings) return false;
  const own = parts.map((p) => text.slice(p.start, p.end));
  const statements = () => parts.flatMap((p) => p.statements);
  if (functions && own.some((t) => FUNCTION_KEYWORD.test(t)) && unreadableFunction(statements(), dialect)) return true;
  return !dialect.hereStrings && own.some((t) => t.includes('<<<')) && statements().some((s) => s.node.descendantsOfType('herestring_redirect').length > 0);
}

/**
 * A `function` definition the shell cannot read. Without the keyword
 * (Dialect.functionKeyword), the `(` of `function name()` is unexpected, and
 * so is the `}` that closes `function name {`: only such a definition that is
 * the whole unit, over several lines, runs its lines first (the runner's
 * runFunctionDefinition). ksh93 finds the `(` unexpected too
 * (Dialect.functionKeywordParens).
 */
function unreadableFunction(statements: { node: SyntaxNode }[], dialect: Dialect): boolean {
  const whole = statements.length === 1 ? statements[0].node : null;
  const fails = (d: SyntaxNode): boolean => {
    if (d.type !== 'function_definition' || d.firstChild?.type !== 'function') return false;
    const parens = d.children.some((c) => c.type === '(');
    if (!dialect.functionKeyword) return parens || (braceOnFirstLine(d) && (d !== whole || d.endPosition.row === d.startPosition.row));
    return parens && !dialect.functionKeywordParens;
  };
  return statements.some((s) => fails(s.node) || s.node.descendantsOfType('function_definition').some(fails));
}
