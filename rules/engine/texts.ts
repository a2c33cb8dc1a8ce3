// The texts an analysis reads besides the document: sourced files and eval
// strings, each parsed and split into units once.
import type { Lexed } from '../segments';
import { parse } from '../parse';
import { programUnits, Unit } from '../units';
import { literal } from '../words';
import type { SyntaxNode } from '../parse';
import type { Source } from './state';
import type { SourceResolver } from './types';

export interface SourcedText {
  src: Source;
  units: Unit[];
}

export class Texts {
  private readonly parsed = new Map<string, Unit[]>();
  /** File name → text, for every file read. */
  readonly files = new Map<string, string>();

  constructor(private readonly resolve: SourceResolver | undefined, private readonly sourceWhole: boolean) {}

  /** The units of a text, parsed once per key; `whole` reads it all as one unit. */
  units(key: string, text: string, whole: boolean, lexed?: Lexed): Unit[] {
    let units = this.parsed.get(key);
    if (!units) {
      units = programUnits(parse(text).rootNode, text, whole, lexed);
      this.parsed.set(key, units);
    }
    return units;
  }

  /** The literal path a `source` argument names, or null. */
  static path(arg: SyntaxNode | undefined): string | null {
    return arg ? literal(arg) : null;
  }

  /** The file a `source` argument names, parsed once; undefined when it cannot be found. */
  sourced(path: string | null): SourcedText | undefined {
    const found = path !== null ? this.resolve?.(path) : undefined;
    if (!found) return undefined;
    const src: Source = { text: found.text, base: 0, file: found.name, name: found.name };
    this.files.set(found.name, found.text);
    return { src, units: this.units(src.name, found.text, this.sourceWhole) };
  }
}
