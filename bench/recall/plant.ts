// Where a planted bug goes so that the code runs: just before the first
// top-level statement after which the shell reads nothing more (an `exit`,
// `exec` or `return`, an `if` whose every branch ends in one, or a call of the
// script's own function that ends in one), or before a final call of the
// script's own function (its main), else at the end. Code after an
// unconditional exit is never read, so a bug planted there could not fail.
import { parse, SyntaxNode } from '../../rules';

export type Place = 'exit' | 'exec' | 'return' | 'if' | 'main' | 'end';

export interface Planted {
  text: string;
  place: Place;
  /** 0-based line of the first planted line. */
  line: number;
}

const FINAL_BUILTINS = new Set(['exit', 'exec', 'return']);
/** The last line that ends the script, when the parse is too broken to tell. */
const FINAL_LINE = /^[ \t]*(exit|(eval[ \t]+["']?)?exec[ \t]+[^\s<>&|;]|return)\b/;

function commandName(node: SyntaxNode): string | undefined {
  if (node.type !== 'command') return undefined;
  return node.childForFieldName('name')?.text;
}

const statementsOf = (node: SyntaxNode | null | undefined): SyntaxNode[] =>
  (node?.namedChildren ?? []).filter((n) => n.type !== 'comment');

/** How a statement ends the script, if every way through it does. */
function ends(node: SyntaxNode | undefined, functions: Map<string, SyntaxNode>, seen: Set<string>): Place | undefined {
  if (!node) return undefined;
  const body = node.type === 'redirected_statement' ? node.childForFieldName('body') ?? node : node;
  const name = commandName(body);
  if (name === 'exec') return body.childForFieldName('argument') ? 'exec' : undefined;
  // `eval "exec $cmd …"`: the evaluated text replaces the shell
  if (name === 'eval' && /^["']?exec[ \t]+[^\s<>&|;]/.test(body.childForFieldName('argument')?.text ?? '')) return 'exec';
  if (name && FINAL_BUILTINS.has(name)) return name as Place;
  if (name && functions.has(name) && !seen.has(name)) {
    seen.add(name);
    const fn = functions.get(name)!.childForFieldName('body');
    return ends(statementsOf(fn).at(-1), functions, seen) ? 'main' : undefined;
  }
  if (body.type === 'compound_statement') return ends(statementsOf(body).at(-1), functions, seen);
  if (body.type === 'if_statement') {
    const branches = [body, ...body.namedChildren.filter((c) => c.type === 'elif_clause' || c.type === 'else_clause')];
    if (!branches.some((b) => b.type === 'else_clause')) return undefined;
    const all = branches.every((b) => {
      const stmts = statementsOf(b).filter((s) => s.type !== 'elif_clause' && s.type !== 'else_clause');
      return ends(stmts.at(-1), functions, seen);
    });
    return all ? 'if' : undefined;
  }
  return undefined;
}

function lineStart(text: string, row: number): number {
  let at = 0;
  for (let i = 0; i < row; i++) at = text.indexOf('\n', at) + 1;
  return at;
}

export function plant(text: string, lines: string[]): Planted {
  const root = parse(text).rootNode;
  const statements = statementsOf(root);
  const functions = new Map(statements.filter((n) => n.type === 'function_definition')
    .map((n) => [n.childForFieldName('name')?.text ?? '', n]));
  const block = lines.join('\n') + '\n';
  const before = (row: number, place: Place): Planted => {
    const at = lineStart(text, row);
    return { text: text.slice(0, at) + block + text.slice(at), place, line: row };
  };
  for (const s of statements) {
    const place = ends(s, functions, new Set());
    // a statement that ends the script on its own line: the plant goes before it
    if (place && s.startPosition.column === 0) return before(s.startPosition.row, place);
  }
  const last = statements[statements.length - 1];
  const name = last && commandName(last);
  if (name && functions.has(name) && last.startPosition.column === 0) return before(last.startPosition.row, 'main');
  if (root.hasError) {
    const rows = text.split('\n');
    for (let r = rows.length - 1; r >= 0; r--) {
      if (/^[ \t]*(#.*)?$/.test(rows[r])) continue;
      if (FINAL_LINE.test(rows[r]) && /^\S/.test(rows[r])) return before(r, 'exit');
      break;
    }
  }
  const body = text === '' || text.endsWith('\n') ? text : text + '\n';
  return { text: body + block, place: 'end', line: body.split('\n').length - 1 };
}
