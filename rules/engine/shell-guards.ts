// Tests that tell shells apart by the variable each sets for itself alone
// (`if [ -n "$ZSH_VERSION" ]; then …`): their status is known in each dialect,
// so a branch written for another shell neither runs nor defines anything.
import type { Dialect } from '../dialects';
import type { SyntaxNode } from '../parse';
import { conditionAndBody } from '../units';
import { notTri, Tri } from './values';

/** The variables that tell shells apart, which each shell sets for itself alone (Dialect.versionVariable). */
const VERSION_VARIABLES = ['BASH_VERSION', 'ZSH_VERSION', 'KSH_VERSION'];
const NAMES = VERSION_VARIABLES.join('|');
/** Each written anywhere (assigned, unset, `read`, a `for` variable, `${V:=…}`): its status is then not known. */
const WRITES = new Map(VERSION_VARIABLES.map((v) => [v, new RegExp(String.raw`(^|[^\w$\{])${v}|\$\{${v}:?=`)]));

/** A test that one of them is set and not empty: `[ -n "$V" ]`, `[[ ${V-} ]]`, `test -z "${V:+x}"`; with `-z`, that it is not. */
const VERSION_TEST = new RegExp(String.raw`^(\[\[|\[|test)\s+(?:(-[nz])\s+)?("?)\$(?:(${NAMES})|\{(${NAMES})(?::?-|:?\+[^}"\s]+)?\})\3\s*(\]\]|\])?$`);

/**
 * The status of a test of a shell's version variable in the dialect's shell,
 * or undefined for any other statement. None of those shells exports the
 * variable; a script that assigns it itself leaves the status unknown.
 */
export function versionTestStatus(node: SyntaxNode, dialect: Dialect, text: string): Tri | undefined {
  if (node.type !== 'command' && node.type !== 'test_command') return undefined;
  const m = VERSION_TEST.exec(node.text);
  if (!m || (m[1] === '[[') !== (m[6] === ']]') || (m[1] === '[') !== (m[6] === ']') || (m[1] === '[[' && dialect.doubleBracket === 'none')) return undefined;
  // unquoted where words split, an unset variable leaves `[ -n ]`, which is true, and a value with blanks an error
  if (m[3] !== '"' && !(m[1] === '[[' && dialect.doubleBracket === 'keyword')) return undefined;
  const name = m[4] ?? m[5];
  if (WRITES.get(name)!.test(text)) return Tri.Maybe;
  return (name === dialect.versionVariable) !== (m[2] === '-z') ? Tri.Yes : Tri.No;
}

/** The status of a condition's last statement, as a version test, negated or not. */
function conditionStatus(cond: SyntaxNode | undefined, dialect: Dialect, text: string): Tri | undefined {
  if (!cond) return undefined;
  if (cond.type === 'negated_command') {
    const inner = conditionStatus(cond.lastChild ?? undefined, dialect, text);
    return inner === undefined ? inner : notTri(inner);
  }
  return versionTestStatus(cond, dialect, text);
}

/** The last statement before `then` in an `if` or `elif`. */
function lastCondition(clause: SyntaxNode): SyntaxNode | undefined {
  const { cond } = conditionAndBody(clause);
  return cond[cond.length - 1]?.node;
}

/**
 * Whether a node lies in a branch that the dialect's shell never takes
 * because of a version test: the body of `if [ -n "$ZSH_VERSION" ]` outside
 * zsh, the `else` of `if [ -n "$BASH_VERSION" ]` in bash, the right of
 * `[ -n "$KSH_VERSION" ] &&`. `text` is the text the nodes belong to.
 */
export function forAnotherShell(node: SyntaxNode, dialect: Dialect, text: string): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    const type = parent.type;
    if (type === 'if_statement' || type === 'elif_clause') {
      const cond = lastCondition(parent);
      if (cond && child.startIndex > cond.endIndex && child.type !== 'elif_clause' && child.type !== 'else_clause'
        && conditionStatus(cond, dialect, text) === Tri.No) return true;
    } else if (type === 'else_clause' && parent.parent?.type === 'if_statement') {
      // only an `else` right after the `if`'s own body: one after an `elif` depends on that too
      const clauses = parent.parent.children.filter((c) => c.type === 'elif_clause');
      const cond = lastCondition(parent.parent);
      if (clauses.length === 0 && cond && conditionStatus(cond, dialect, text) === Tri.Yes) return true;
    } else if (type === 'list') {
      const [left, op, right] = parent.children;
      if (right && child.startIndex >= right.startIndex && (op?.type === '&&' || op?.type === '||')) {
        const status = conditionStatus(left, dialect, text);
        if (status === (op.type === '&&' ? Tri.No : Tri.Yes)) return true;
      }
    }
  }
  return false;
}
