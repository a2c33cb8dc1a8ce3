// The texts an analysis reads besides the document: sourced files and eval
// strings, each parsed and split into units once.
import { parse } from '../parse';
import { programUnits, Unit } from '../units';
import { literal } from '../words';
import type { SyntaxNode } from '../parse';
import type { Source } from './state';
import type { ParsedTexts } from './parsed-texts';
import type { SourceResolver } from './types';
import { directivePath, folderPath, folderVariables, searchPaths, strippedPath } from '../source-path';

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
   * The path a `source` argument names, or null: a directive on the line
   * before wins, then the literal word, then a path in the script's folder.
   */
  path(arg: SyntaxNode | undefined, src: Source): string | null {
    if (!arg) return null;
    const directive = directivePath(src.text, arg.startIndex);
    if (directive !== null) return directive;
    const word = literal(arg);
    if (word !== null || !arg.text.includes('/')) return word;
    let vars = this.folderVars.get(src.text);
    if (!vars) this.folderVars.set(src.text, (vars = folderVariables(src.text)));
    return folderPath(arg.text, vars) ?? (src.text.includes('source-path=') && searchPaths(src.text).length ? strippedPath(arg.text) : null);
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
