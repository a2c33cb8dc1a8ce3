// The texts an analysis reads besides the document: sourced files and eval
// strings, each parsed and split into units once.
import { parse } from '../parse';
import { programUnits, Unit } from '../units';
import { literal } from '../words';
import type { SyntaxNode } from '../parse';
import type { Source } from './state';
import type { ParsedTexts } from './parsed-texts';
import type { SourceResolver } from './types';
import { CHANGES_DIRECTORY, directivePath, folderPath, folderVariables, inScriptFolder, scriptFolder, SEARCH_ONLY, searchPaths, strippedPath } from '../source-path';
import type { SourceSearch } from '../dialects';
import { Cwd } from './state';

export interface SourcedText {
  src: Source;
  units: Unit[];
}

export class Texts {
  private readonly parsed = new Map<string, Unit[]>();
  /** File name → text, for every file read. */
  readonly files = new Map<string, string>();
  private readonly folderVars = new Map<string, Set<string>>();

  constructor(
    /** The name of the document, the script that was started. */
    readonly document: string,
    private readonly resolve: SourceResolver | undefined,
    private readonly sourceWhole: boolean,
    /** The host's sourced files, kept across analyses. */
    private readonly shared?: ParsedTexts,
  ) {}

  /** The units of a text, parsed once per key (and per host, given `shared`); `whole` reads it all as one unit. */
  units(key: string, text: string, whole: boolean, shared?: ParsedTexts): Unit[] {
    let units = this.parsed.get(key);
    if (!units) {
      const split = () => programUnits(parse(text).rootNode, text, whole);
      units = shared ? shared.units(key, text, whole, split) : split();
      this.parsed.set(key, units);
    }
    return units;
  }

  /**
   * The path the argument of `.` or `source` names, or null: a directive on
   * the line before wins, then the literal word, then a path in the script's
   * folder. A name without a slash that the command looks for in PATH alone
   * (`search`) is looked for in the source paths, which stand for PATH.
   * A literal relative path is looked up where the host looks (see
   * docs/sources.md) only while the shell is still in the directory it
   * started in; after a `cd` into the script's folder it names a file there,
   * and after any other `cd` it names nothing the model can find.
   */
  path(arg: SyntaxNode | undefined, src: Source, search: SourceSearch, cwd: Cwd = Cwd.Start): string | null {
    if (!arg) return null;
    const directive = directivePath(src.text, arg.startIndex);
    if (directive !== null) return directive;
    const word = literal(arg);
    if (word !== null && !word.includes('/') && search === 'path') return `${SEARCH_ONLY}/${word}`;
    if (word !== null && cwd !== Cwd.Start && !word.startsWith('/')) return cwd === Cwd.ScriptFolder ? inScriptFolder(word) : null;
    if (word !== null || !arg.text.includes('/')) return word;
    const vars = this.folderVariablesOf(src.text);
    return folderPath(arg.text, vars) ?? (src.text.includes('source-path=') && searchPaths(src.text).length ? strippedPath(arg.text) : null);
  }

  /**
   * The paths a `source` argument may name wherever the shell is: discovery
   * must find every name a definition may make before anything runs.
   */
  paths(arg: SyntaxNode | undefined, src: Source, search: SourceSearch): string[] {
    const path = this.path(arg, src, search);
    const there = path !== null && literal(arg!) !== null && CHANGES_DIRECTORY.test(src.text) ? inScriptFolder(path) : null;
    return path === null ? [] : there ? [path, there] : [path];
  }

  /** Whether a word names the folder of the script whose text holds it. */
  isScriptFolder(word: SyntaxNode, src: Source): boolean {
    return scriptFolder(word.text, this.folderVariablesOf(src.text));
  }

  private folderVariablesOf(text: string): Set<string> {
    let vars = this.folderVars.get(text);
    if (!vars) this.folderVars.set(text, (vars = folderVariables(text)));
    return vars;
  }

  /** The units a file was read as, if it was. */
  unitsOf(name: string): Unit[] | undefined {
    return this.parsed.get(name);
  }

  /** The file a `source` argument names, parsed once; undefined when it cannot be found. */
  sourced(path: string | null, from: string): SourcedText | undefined {
    const found = path !== null ? this.resolve?.(path, from) : undefined;
    if (!found) return undefined;
    const src: Source = { text: found.text, base: 0, file: found.name, name: found.name };
    this.files.set(found.name, found.text);
    return { src, units: this.units(src.name, found.text, this.sourceWhole, this.shared) };
  }
}
