// The native parser: tree-sitter's Node binding with tree-sitter-bash. The
// fastest, where its prebuilt or locally built binary loads; `nativeParser`
// throws where it does not, and the host falls back to `wasm.ts`.
import type NativeParser = require('tree-sitter');
import type { ShellParser, Tree } from './parse';
import { asShellReads } from './blanks';
import { plainTree, type PlainTree, type TreeCursorLike } from './plain-tree';

/** tree-sitter's default buffer is too small for large scripts. */
function bufferSize(text: string): number {
  return Math.max(32 * 1024, text.length * 2 + 1024);
}

/** A node type as the grammar's node-types.json describes it. */
interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, unknown>;
}

/**
 * The node types whose children may fill fields, from the grammar's own list;
 * ERROR is not listed there, so it is always asked.
 */
function fieldedTypes(info: NodeTypeInfo[]): (type: string) => boolean {
  const none = new Set(info.filter((t) => t.named && Object.keys(t.fields ?? {}).length === 0).map((t) => t.type));
  return (type) => !none.has(type);
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
  const fielded = fieldedTypes(Bash.nodeTypeInfo as NodeTypeInfo[]);
  return {
    kind: 'native',
    parse(text: string, old?: Tree): Tree {
      const raw = parser.parse(asShellReads(text), (old as PlainTree | undefined)?.raw as NativeParser.Tree | undefined, { bufferSize: bufferSize(text) });
      return plainTree(raw, raw.walk() as unknown as TreeCursorLike, text, Bash, fielded);
    },
  };
}
