// How far V8 optimises the command line's code. Its top tier (TurboFan) costs
// compile time on a background thread for every hot function, and a run over
// a few thousand modelled files ends before that time is won back: on the
// 1,602-file stress corpus (every file modelled), capping at the tier below
// cut total CPU by about a quarter with two threads, and the steady state
// without TurboFan was only 30% slower per file. The language server lives
// long and keeps every tier.

/** Below this many source bytes a run is too short for TurboFan to matter, and loading `v8` (~4 ms) would not pay. */
export const CAP_FROM_BYTES = 1 << 20;
/** From this many source bytes a run keeps TurboFan: about seven Debian corpora, where the steady state wins back its compile time. */
export const OPTIMISE_FROM_BYTES = 32 << 20;

/** Whether a run over `bytes` of source is better off without TurboFan. */
export function capsTiers(bytes: number): boolean {
  return bytes >= CAP_FROM_BYTES && bytes < OPTIMISE_FROM_BYTES;
}

/** Caps V8's tiers for a run over `bytes` of source, before any worker starts (V8's flags are the process's). */
export function tiersForRun(bytes: number): void {
  if (!capsTiers(bytes)) return;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  (require('v8') as typeof import('v8')).setFlagsFromString('--max-opt=2');
}
