// Where a planted bug goes so that the code runs: just before a final top-level
// `exit`, `exec`, `return` or call of the script's own (top-level) function,
// else at the end.
import { parse, SyntaxNode } from '../../rules';

export type Place = 'exit' | 'exec' | 'return' | 'main' | 'end';

export interface Planted {
  text: string;
  place: Place;
  /** 0-based line of the first planted line. */
  line: number;
}

const FINAL_BUILTINS = new Set(['exit', 'exec', 'return']);

function commandName(node: SyntaxNode): string | undefined {
  if (node.type !== 'command') return undefined;
  return node.childForFieldName('name')?.text;
}

export function plant(text: string, lines: string[]): Planted {
  const root = parse(text).rootNode;
  const statements = root.namedChildren.filter((n) => n.type !== 'comment');
  const functions = new Set(statements.filter((n) => n.type === 'function_definition')
    .map((n) => n.childForFieldName('name')?.text));
  const last = statements[statements.length - 1];
  const name = last && commandName(last);
  const place: Place | undefined = name === undefined ? undefined
    : FINAL_BUILTINS.has(name) ? (name as Place) : functions.has(name) ? 'main' : undefined;
  const block = lines.join('\n') + '\n';
  if (place && last) {
    const row = last.startPosition.row;
    let at = 0;
    for (let i = 0; i < row; i++) at = text.indexOf('\n', at) + 1;
    return { text: text.slice(0, at) + block + text.slice(at), place, line: row };
  }
  const body = text === '' || text.endsWith('\n') ? text : text + '\n';
  return { text: body + block, place: 'end', line: body.split('\n').length - 1 };
}
