// The native parser: tree-sitter's Node binding with tree-sitter-bash. The
// fastest, where its prebuilt or locally built binary loads; `nativeParser`
// throws where it does not, and the host falls back to `wasm.ts`.
import type NativeParser = require('tree-sitter');
import type { ShellParser, Tree } from './parse';

/** tree-sitter's default buffer is too small for large scripts. */
function bufferSize(text: string): number {
  return Math.max(32 * 1024, text.length * 2 + 1024);
}

/** The binding's node class, as far as `fasterNodes` changes it. */
interface NodeClass {
  prototype: object;
}

/** Where a binding node object keeps its start byte (after the two halves of its id). */
const START_FIELD = 2;

let faster = false;

/**
 * Every property of a binding node is a call into native code, and the engine
 * asks for offsets, texts and types tens of thousands of times per document.
 * Two of those calls are avoidable, for every tree the process parses:
 * - A node object holds its start among its own fields, as a UTF-8 byte count
 *   of the UTF-16 text: the binding's own getter reads it there, and an edit
 *   updates it in place. So the start, and the text (which asks for it), are
 *   read from the fields: only once they match the binding's own getter on
 *   every node of a probe text, so another layout keeps the getter.
 * - Named nodes have their type on their class; a token's type never changes,
 *   so it is asked once per node object.
 */
function fasterNodes(parser: NativeParser, SyntaxNode: NodeClass): void {
  if (faster) return;
  faster = true;
  const start = Object.getOwnPropertyDescriptor(SyntaxNode.prototype, 'startIndex')?.get;
  const fromFields = function (this: Record<number, number>): number {
    return this[START_FIELD] >>> 1;
  };
  const stack = [parser.parse('f() { echo "é😀 $(ls)" ; }\n# ü\r\nx=1 y\n').rootNode];
  let same = start !== undefined;
  while (same && stack.length) {
    const n = stack.pop()!;
    same = fromFields.call(n as unknown as Record<number, number>) === start!.call(n);
    stack.push(...n.children);
  }
  if (same) Object.defineProperty(SyntaxNode.prototype, 'startIndex', { get: fromFields, configurable: true });
  const type = Object.getOwnPropertyDescriptor(SyntaxNode.prototype, 'type')?.get;
  if (!type) return;
  Object.defineProperty(SyntaxNode.prototype, 'type', {
    get(this: object): string {
      const t = type.call(this) as string;
      Object.defineProperty(this, 'type', { value: t });
      return t;
    },
    configurable: true,
  });
}

/** A native parser; throws when the binding cannot load. */
export function nativeParser(): ShellParser {
  // Required here, not on import, so a binding that cannot load is an error the caller catches.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Parser = require('tree-sitter') as typeof NativeParser;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Bash = require('tree-sitter-bash');
  const parser = new Parser();
  parser.setLanguage(Bash);
  fasterNodes(parser, (Parser as unknown as { SyntaxNode: NodeClass }).SyntaxNode);
  return {
    kind: 'native',
    parse(text: string, old?: Tree): Tree {
      return parser.parse(text, old as NativeParser.Tree | undefined, { bufferSize: bufferSize(text) });
    },
  };
}
