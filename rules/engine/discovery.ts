// Before anything runs: every alias name that a definition may make must be
// known, so the reader can tell a use from a plain command. Definitions,
// `unalias` commands and the names in eval strings are found in the text and
// in every file it or its eval strings can source.
import type { Dialect } from '../dialects';
import type { SyntaxNode } from '../parse';
import type { Unit } from '../units';
import { pastPrefixes } from './builtins';
import type { Catalogue } from './catalogue';
import type { Gates } from './gates';
import type { Source } from './state';
import { sourcedPaths } from './rough-text';
import { forAnotherShell } from './shell-guards';
import type { Texts } from './texts';
import { literal } from '../words';

/** The commands whose words name aliases to know. */
const DISCOVERED = new Set(['alias', 'unalias', 'eval', 'source', '.']);

/** A name an `alias` command in an eval string defines. */
const EVAL_ALIAS = /\balias\s+(?:-\w+\s+)*(?:--\s+)?['"]?([^\s='"]+)=/g;

export class Discovery {
  private readonly visited = new Set<string>();

  constructor(private readonly catalogue: Catalogue, private readonly gates: Gates, private readonly texts: Texts, private readonly dialect: Dialect) {}

  /** Finds the names each unit's statements may define, in the text its nodes belong to. */
  units(units: Unit[], src: Source): void {
    for (const u of units.flatMap((x) => x.parts ?? [x])) {
      const usrc = unitSource(u, src);
      for (const s of u.statements) {
        const text = usrc.text.slice(s.node.startIndex, s.node.endIndex);
        if (this.gates.mayDiscover(text)) this.statement(s.node, usrc, text);
      }
    }
  }

  /** A sourced file, once. */
  file(file: { src: Source; units: Unit[] }): void {
    if (this.visited.has(file.src.name)) return;
    this.visited.add(file.src.name);
    this.units(file.units, file.src);
  }

  private statement(root: SyntaxNode, src: Source, text: string): void {
    // a command holds other commands only inside substitutions; only those
    // whose own text may name aliases are looked up in the tree
    const commands = root.type === 'command' && !this.gates.maySubstitute(text) ? [root]
      : root.descendantsOfType('command', (start, end) => this.gates.mayDiscover(src.text.slice(start, end)));
    for (const cmd of commands) {
      const name = cmd.childForFieldName('name');
      const all = cmd.childrenForFieldName('argument');
      const { name: word, rest } = pastPrefixes(name ? literal(name) : null, () => all, this.dialect);
      const args = rest ?? all;
      // a branch for another shell defines nothing in this one
      if (DISCOVERED.has(word ?? '') && forAnotherShell(cmd, this.dialect, src.text)) continue;
      if (word === 'alias') {
        for (const arg of args) this.catalogue.definition(arg, cmd, src);
      } else if (word === 'unalias' && src.base !== null) {
        for (const arg of args) this.catalogue.unaliases.push({ name: literal(arg), file: src.file, at: cmd.startIndex + src.base, nameAt: arg.startIndex + src.base });
      } else if (word === 'eval') {
        // eval joins its arguments with blanks: `eval . ./lib.sh` runs what `eval '. ./lib.sh'` does
        const text = args.map((a) => a.text).join(' ');
        for (const m of text.matchAll(EVAL_ALIAS)) this.catalogue.knownNames.add(m[1]);
        for (const path of sourcedPaths(text)) {
          const file = this.texts.sourced(path, src.file);
          if (file) this.file(file);
        }
      } else if ((word === 'source' || word === '.') && this.dialect.sourceSearch[word] !== 'none') {
        for (const path of this.texts.paths(args[0], src, this.dialect.sourceSearch[word])) {
          const file = this.texts.sourced(path, src.file);
          if (file) this.file(file);
        }
      }
    }
  }
}

/** The source a unit's nodes belong to: its own text when it was parsed again. */
export function unitSource(unit: Unit, outer: Source): Source {
  if (!unit.src) return outer;
  return {
    text: unit.src.text, original: unit.src.original, file: outer.file, name: `${outer.name}#${unit.src.base}`,
    base: outer.base === null ? null : outer.base + unit.src.base,
  };
}
