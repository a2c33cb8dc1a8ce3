// The named states the engine reasons with: three-valued answers, and what an
// alias name may be bound to.

/** An answer that may be unknown. The numbers are stable: results carry them. */
export enum Tri {
  No = 0,
  Yes = 1,
  Maybe = 2,
}

export const joinTri = (a: Tri, b: Tri): Tri => (a === b ? a : Tri.Maybe);
/** The status of `! cmd` from that of `cmd`. */
export const notTri = (t: Tri): Tri => (t === Tri.Maybe ? t : t === Tri.Yes ? Tri.No : Tri.Yes);

/**
 * What one alias name may be bound to: the id of one of the analysis's
 * definitions (0 and up), or one of the values below.
 */
export type AliasValue = number;

/** Never defined. */
export const UNDEF: AliasValue = -1;
/** Removed by `unalias`. */
export const REMOVED: AliasValue = -2;
/**
 * Set by code the engine could not follow. Each place such code ran has its
 * own value, UNKNOWN - k for the k-th entry of the analysis's `unknowns`, so a
 * message can name where an older definition may have come from.
 */
export const UNKNOWN: AliasValue = -3;

export const isDefinition = (v: AliasValue): boolean => v >= 0;
export const isUnknown = (v: AliasValue): boolean => v <= UNKNOWN;
/** Not bound: the name runs as a command. */
export const isAbsent = (v: AliasValue): boolean => v === UNDEF || v === REMOVED;
export const unknownValue = (k: number): AliasValue => UNKNOWN - k;
/** The index into `unknowns` of an unknown value. */
export const unknownIndex = (v: AliasValue): number => UNKNOWN - v;
