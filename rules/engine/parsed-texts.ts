// Sourced files parsed once per host, not once per analysis: a library that
// many scripts source (`. /lib/lsb/init-functions`) is parsed, lexed and split
// into units the first time, and later analyses read the same units. Units and
// their nodes are never changed once made, and every per-node fact an analysis
// keeps is in its own maps, so analyses can share them.
import type { Unit } from '../units';

/** Characters of text kept in all, by default: the trees behind them cost some tens of bytes per character. */
const DEFAULT_CAPACITY = 1 << 20;

export class ParsedTexts {
  /** By read mode and file name, in order of last use. */
  private readonly entries = new Map<string, { text: string; units: Unit[] }>();
  private size = 0;

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** The units of `text`, read from the file `name` whole or unit by unit; `split` makes them when none are kept for this text. */
  units(name: string, text: string, whole: boolean, split: () => Unit[]): Unit[] {
    const key = `${whole ? 'whole' : 'units'}\0${name}`;
    const kept = this.entries.get(key);
    if (kept) {
      this.entries.delete(key);
      this.size -= kept.text.length;
    }
    const units = kept?.text === text ? kept.units : split();
    if (text.length <= this.capacity) {
      this.entries.set(key, { text, units });
      this.size += text.length;
      for (const [k, e] of this.entries) {
        if (this.size <= this.capacity) break;
        this.entries.delete(k);
        this.size -= e.text.length;
      }
    }
    return units;
  }
}
