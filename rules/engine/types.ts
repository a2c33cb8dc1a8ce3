// What an analysis finds: alias definitions, the uses the shell reads, and the
// code it could not follow. Offsets are in the analysed document; -1 where a
// thing lies in another text (a sourced file, a string that cannot be mapped).
import type { Dialect } from '../dialects';
import type { Lexed } from '../segments';
import type { StartOptions } from '../shebang';
import type { SyntaxNode, Tree } from '../parse';
import type { Unit } from '../units';
import type { ParsedTexts } from './parsed-texts';
import type { FunctionDef } from './state';
import type { AliasValue, Tri } from './values';

/**
 * Reads another file for `source`; undefined when it cannot be found. `from`
 * is the file whose `source` line names `path`, for paths relative to its
 * folder. Besides plain paths, `path` may start with `$SCRIPT_DIR/` (that
 * folder) or `$SOURCE_PATH/` (look only in the host's source paths, which
 * stand for PATH): rules/source-path.ts.
 */
export type SourceResolver = (path: string, from?: string) => { text: string; name: string } | undefined;

export interface AnalyzeOptions {
  dialect: Dialect;
  /**
   * The file runs as a script of its own (a shebang, or a dialect the user
   * chose). Otherwise it is sourced by a shell whose options are unknown.
   */
  standalone?: boolean;
  filename?: string;
  resolveSource?: SourceResolver;
  /** Sourced files already parsed, kept by the host across analyses. */
  parsedTexts?: ParsedTexts;
  /** The top-level segments of the text, when another thread lexed them already. */
  segments?: Lexed;
  /** What the shebang's options set at the start. */
  start?: StartOptions;
  /** Every gate and fast path off: the slow, plain model, to check the gates against. */
  exhaustive?: boolean;
  /**
   * Names to follow as alias names even where no definition of them is seen:
   * the function a fix adds, whose definition must not be read while code the
   * engine cannot follow may have made an alias of that name.
   */
  watch?: readonly string[];
}

export interface AliasDef {
  id: number;
  name: string;
  /** The value after quote removal; null when it is only known at run time. */
  value: string | null;
  /** The file it lies in: the document, or a file the document sources. */
  file: string;
  /** The `name=value` word, in offsets of its file (-1 when its text cannot be mapped there). */
  start: number;
  end: number;
  command: SyntaxNode | null;
  arg: SyntaxNode | null;
  /** Offset of the nodes' text in the document. */
  base: number;
  /** The innermost function whose body holds it. */
  inFunction: FunctionDef | null;
  /** Its value expands when the alias is defined (`alias a="$x"`). */
  definitionTimeExpansion: boolean;
  /** Times it ran in the current shell, and in subshells that end. */
  shellRuns: number;
  subshellRuns: number;
  /** Code the engine could not follow ran while this definition may have been in effect, or may use it later (a trap handler). */
  seenByUnknown: boolean;
}

export interface Resolution {
  /** The values the name could have had: definition ids, UNDEF, REMOVED, unknown values. */
  values: AliasValue[];
  /** Alias expansion switched on (bash: expand_aliases, which posix mode sets). */
  flag: Tri;
  /** Whether the use expands. */
  outcome: Tri;
  /** The text read together with this use, in document offsets. */
  readStart: number;
  readEnd: number;
  /** How the use is written stops expansion: a quoted or escaped name, a prefix that stops it, `command`. */
  quirk: boolean;
  /** The dialect never expands aliases where the use is read (bash --posix: a `$( )` in a here-document). */
  neverHere: boolean;
}

/** One time a use's command ran: the values its name had then, and the top-level unit that was running. */
export interface UseRun {
  values: AliasValue[];
  /** Index into the document's units; -1 when it ran from another text. */
  unit: number;
}

export interface Use {
  name: string;
  /** The file it lies in; `start` and `end` are offsets there (-1 when its text cannot be mapped). */
  file: string;
  start: number;
  end: number;
  inFunction: FunctionDef | null;
  /** Inside text the parser may have got wrong, or text we cannot map. */
  uncertain: boolean;
  resolutions: Resolution[];
  /** Each distinct way its command ran. */
  runs: UseRun[];
  /** The word follows an alias whose value ends in a blank. */
  chained: boolean;
}

export interface Clash {
  name: string;
  file: string;
  start: number;
  end: number;
  resolution: Resolution;
  uncertain: boolean;
}

/** Code the engine could not follow: an unresolved `source`, a dynamic `eval`, a misparsed unit that may change aliases. */
export interface UnknownCode {
  file: string;
  start: number;
  end: number;
  what: 'source' | 'eval' | 'trap' | 'unalias' | 'alias' | 'alias-array' | 'misparsed' | 'depth' | 'loop' | 'function-keyword' | 'startup' | 'alias-value';
}

export interface Unalias {
  /** The name removed; '-a' removes all; null when not literal. */
  name: string | null;
  file: string;
  /** Where the `unalias` command starts, and where this name's word does. */
  at: number;
  nameAt: number;
}

/** A `source` command that ran a file: the file, and where the command lies (offset in `from`). */
export interface SourceSite {
  file: string;
  from: string;
  at: number;
}

export interface Names {
  aliases: ReadonlySet<string>;
  functions: ReadonlySet<string>;
}

/** Lies in the analysed document itself, at a known place. */
export function inDocument(analysis: Pick<Analysis, 'file'>, x: { file: string; start: number }): boolean {
  return x.file === analysis.file && x.start >= 0;
}

export interface Analysis {
  text: string;
  /** The document's file name: what its own uses and definitions carry as `file`. */
  file: string;
  /** The text of every file the analysis read: the document and the files it sources. */
  sources: ReadonlyMap<string, string>;
  unaliases: Unalias[];
  tree: Tree;
  dialect: Dialect;
  units: Unit[];
  defs: AliasDef[];
  uses: Use[];
  clashes: Clash[];
  unknowns: UnknownCode[];
  /** Paths of `source` commands that could not be followed, as written (null when not literal). */
  unresolvedSources: (string | null)[];
  /** The model ran out of budget: nothing it found is certain. */
  aborted: boolean;
  /** Every alias name a definition may make, and every function defined, in any text the model read. */
  names: Names;
  /** Each `source` command that ran a file, once per place. */
  sourceSites: SourceSite[];
  /** The parse units the model read a file as: the document, or a file it sourced (undefined for one it did not run). */
  unitsOf(file: string): Unit[] | undefined;
  /** Whether the run called this function, by a name it could see. */
  called(f: FunctionDef): boolean;
}
