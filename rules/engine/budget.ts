// Bounds on the work one analysis may do. Past any of them the analysis gives
// up on the text and reports nothing from it: a partial model is not certain.

/** Steps of reading and running (a node read, a statement run). */
const STEP_BUDGET = 400_000;
/** Pathological inputs can be slow per step (the native binding): bound the time too. */
const TIME_BUDGET_MS = 1500;
/** Function calls nested deeper than this run as unknown code. */
export const MAX_CALL_DEPTH = 16;
/** `source` nested deeper than this runs as unknown code. */
export const MAX_SOURCE_DEPTH = 8;
/** Loop bodies are run this many times; names still changing after that are unknown. */
export const LOOP_ROUNDS = 3;
/** Tens of thousands of top-level commands is generated text, not a script anyone reads. */
export const MAX_TOP_LEVEL_NODES = 40_000;

export class AbortAnalysis extends Error {}

/** The exhaustive model reads everything the gates skip: it gets this many times the budget. */
const EXHAUSTIVE_SCALE = 4;

export class Budget {
  private steps = 0;
  private readonly deadline: number;
  private readonly maxSteps: number;

  constructor(exhaustive: boolean) {
    const scale = exhaustive ? EXHAUSTIVE_SCALE : 1;
    this.deadline = Date.now() + TIME_BUDGET_MS * scale;
    this.maxSteps = STEP_BUDGET * scale;
  }

  tick(): void {
    if (++this.steps > this.maxSteps) throw new AbortAnalysis();
    if ((this.steps & 1023) === 0 && Date.now() > this.deadline) throw new AbortAnalysis();
  }
}
