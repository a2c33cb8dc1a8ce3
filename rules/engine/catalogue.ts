// Everything an analysis finds, each kept once however often it is read or
// run: alias definitions, uses, function definitions, clashes, `unalias`
// commands and the code the engine could not follow.
import { definesFunction, type Dialect } from '../dialects';
import type { SyntaxNode } from '../parse';
import { hasExpansion, isAliasName, literal } from '../words';
import type { FunctionDef, Source } from './state';
import type { AliasDef, Clash, Resolution, SourceSite, Unalias, UnknownCode, Use, UseRun } from './types';
import { AliasValue, unknownValue } from './values';

export class Catalogue {
  constructor(private readonly dialect: Pick<Dialect, 'functionKeyword'>) {}

  readonly defs: AliasDef[] = [];
  private readonly defByKey = new Map<string, AliasDef>();
  readonly uses = new Map<string, Use>();
  readonly clashes: Clash[] = [];
  private readonly functionByKey = new Map<string, FunctionDef>();
  /** Per function, the definitions its body holds (nested functions included). */
  private readonly defsInside = new Map<FunctionDef, AliasDef[]>();
  /** Per definition id, the text its command was read from and where the command starts there. */
  private readonly origin: { src: Source; at: number }[] = [];
  /** Every alias name a definition may make. */
  readonly knownNames = new Set<string>();
  readonly unaliases: Unalias[] = [];
  readonly unknowns: UnknownCode[] = [];
  private readonly unknownByKey = new Map<string, AliasValue>();
  readonly unresolvedSources: (string | null)[] = [];
  readonly sourceSites: SourceSite[] = [];
  private readonly siteKeys = new Set<string>();

  /** Identifies a node of one text: the same node read twice has one key. */
  key(src: Source, offset: number): string {
    return `${src.name}\u0000${src.base ?? 'x'}\u0000${offset}`;
  }

  /** A node's range in its file, or [-1, -1] where its text cannot be mapped there. */
  range(src: Source, node: SyntaxNode): [number, number] {
    if (src.base === null) return [-1, -1];
    return [node.startIndex + src.base, node.endIndex + src.base];
  }

  functionDef(node: SyntaxNode, src: Source): FunctionDef | null {
    if (!definesFunction(node, this.dialect)) return null;
    const k = this.key(src, node.startIndex);
    let f = this.functionByKey.get(k);
    if (!f) {
      const name = node.childForFieldName('name');
      const body = node.childForFieldName('body');
      if (!name || !body) return null;
      f = { name: name.text, node, body, src, uncertain: false };
      this.functionByKey.set(k, f);
    }
    return f;
  }

  enclosingFunction(node: SyntaxNode, src: Source): FunctionDef | null {
    for (let p = node.parent; p; p = p.parent) {
      if (p.type === 'function_definition' && definesFunction(p, this.dialect)) return this.functionDef(p, src);
    }
    return null;
  }

  functionNames(): Set<string> {
    return new Set([...this.functionByKey.values()].map((f) => f.name));
  }

  /** The definitions a function's body holds, found once. */
  definitionsInside(f: FunctionDef): AliasDef[] {
    let inside = this.defsInside.get(f);
    if (!inside) {
      const [from, to] = [f.body.startIndex, f.body.endIndex];
      inside = this.defs.filter((d) => {
        const o = this.origin[d.id];
        return o.src.name === f.src.name && o.src.base === f.src.base && o.at >= from && o.at < to;
      });
      this.defsInside.set(f, inside);
    }
    return inside;
  }

  /** The definition an `alias` argument makes, or null for options and queries; 'unknown' when its name is not literal. */
  definition(arg: SyntaxNode, cmd: SyntaxNode, src: Source): AliasDef | null | 'unknown' {
    const k = this.key(src, arg.startIndex);
    const known = this.defByKey.get(k);
    if (known) return known;
    const lit = literal(arg);
    let name: string;
    let value: string | null;
    if (lit !== null) {
      if (lit.startsWith('-')) return null;
      const eq = lit.indexOf('=');
      if (eq <= 0) return null;
      name = lit.slice(0, eq);
      value = lit.slice(eq + 1);
    } else {
      const m = /^([^\s='"\\$`]+)=/.exec(arg.text);
      if (!m) return 'unknown';
      name = m[1];
      value = null;
    }
    if (!isAliasName(name)) return null;
    // a value that was masked for re-parsing is not the real one
    if (src.original !== undefined && src.original.slice(arg.startIndex, arg.endIndex) !== arg.text) value = null;
    const [start, end] = this.range(src, arg);
    const def: AliasDef = {
      id: this.defs.length, name, value, file: src.file, start, end, base: src.base ?? 0,
      command: cmd, arg,
      inFunction: this.enclosingFunction(cmd, src),
      definitionTimeExpansion: hasExpansion(arg),
      shellRuns: 0, subshellRuns: 0, seenByUnknown: false,
    };
    this.defs.push(def);
    this.origin.push({ src, at: cmd.startIndex });
    this.defByKey.set(k, def);
    this.knownNames.add(name);
    this.defsInside.clear();
    return def;
  }

  /** Records that `word` was read as a use of `name`; returns the use. */
  recordUse(word: SyntaxNode, name: string, res: Resolution, src: Source, fn: FunctionDef | null, uncertain: boolean, chained: boolean): Use {
    const k = this.key(src, word.startIndex);
    let use = this.uses.get(k);
    if (!use) {
      const [start, end] = this.range(src, word);
      use = {
        // the function whose body holds it: a file a function sources is no part of that body
        name, file: src.file, start, end, inFunction: fn?.src.file === src.file ? fn : null, chained, runs: [], resolutions: [],
        // a word of masked text is not the word the shell reads
        uncertain: uncertain || src.base === null
          || (src.original !== undefined && src.original.slice(word.startIndex, word.endIndex) !== word.text),
      };
      this.uses.set(k, use);
    }
    if (uncertain) use.uncertain = true;
    // the same read of the same state again (a body read once per call when calls are not memoized)
    if (!use.resolutions.some((r) => sameResolution(r, res))) use.resolutions.push(res);
    return use;
  }

  /** Records that a use's command ran with these values of its name. */
  recordRun(use: Use, values: Iterable<AliasValue>, unit: number): void {
    const run: UseRun = { values: [...values].sort((a, b) => a - b), unit };
    if (!use.runs.some((r) => r.unit === run.unit && r.values.join() === run.values.join())) use.runs.push(run);
  }

  recordClash(clash: Clash): void {
    this.clashes.push(clash);
  }

  /** The value standing for the code at `node` that the engine could not follow (one per place). */
  unknown(src: Source, node: SyntaxNode, what: UnknownCode['what']): AliasValue {
    const k = `${this.key(src, node.startIndex)}\u0000${what}`;
    let v = this.unknownByKey.get(k);
    if (v === undefined) {
      const [start, end] = this.range(src, node);
      v = unknownValue(this.unknowns.length);
      this.unknowns.push({ file: src.file, start, end, what });
      this.unknownByKey.set(k, v);
    }
    return v;
  }

  /** A `source` command at `at` in `src` ran `file`. */
  sourced(file: string, src: Source, at: number): void {
    const key = `${file}\u0000${src.file}\u0000${at}`;
    if (this.siteKeys.has(key)) return;
    this.siteKeys.add(key);
    this.sourceSites.push({ file, from: src.file, at });
  }

  /** A `source` whose file could not be found or read. */
  unresolved(path: string | null): void {
    if (!this.unresolvedSources.includes(path)) this.unresolvedSources.push(path);
  }
}

function sameResolution(a: Resolution, b: Resolution): boolean {
  return a.flag === b.flag && a.outcome === b.outcome && a.readStart === b.readStart && a.readEnd === b.readEnd
    && a.quirk === b.quirk && a.neverHere === b.neverHere && a.values.length === b.values.length && a.values.every((v, i) => v === b.values[i]);
}
