// One fuzz process: receives jobs (a seed, or an extreme input by name and
// dialect), checks every property, and answers with the result and the
// thread's memory. Inputs are rebuilt here from their seed, so messages stay small.
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { selectParser } from '../../host/parser';
import { DialectId } from '../../rules';
import { FuzzInput, inputForSeed, specialInput } from './generators';
import { check, CheckResult } from './properties';

export type Job = { seed: number } | { special: string; dialect: DialectId };

export interface JobResult extends CheckResult {
  kind: string;
  dialect: DialectId;
  chars: number;
  /** Heap in use after a full collection, when this job ended a checkpoint. */
  heapAfterGc?: number;
  /** Resident size after that collection. */
  rssAfterGc?: number;
  /** The process's peak resident size so far. */
  rss: number;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Collect every this many jobs to sample the heap that survives. */
const CHECKPOINT_EVERY = 250;
/**
 * Resident size above which we collect at once: V8 does not see the native
 * memory of tree-sitter trees, so, as the CLI's pool does, we collect for it.
 */
const COLLECT_ABOVE = 1536 << 20;

let done = 0;

function run(job: Job): JobResult {
  let input: FuzzInput;
  try {
    input = 'seed' in job ? inputForSeed(job.seed) : specialInput(job.special, job.dialect);
  } catch (e) {
    throw new Error(`the generator failed: ${(e as Error).stack}`);
  }
  const result = check(input);
  done++;
  let heapAfterGc: number | undefined;
  let rssAfterGc: number | undefined;
  if (done % CHECKPOINT_EVERY === 0 || 'special' in job) {
    gc();
    heapAfterGc = process.memoryUsage().heapUsed;
    rssAfterGc = process.memoryUsage.rss();
  } else if (process.memoryUsage.rss() > COLLECT_ABOVE) {
    gc();
  }
  return { ...result, kind: input.kind, dialect: input.dialect, chars: input.text.length, heapAfterGc, rssAfterGc, rss: process.resourceUsage().maxRSS * 1024 };
}

process.on('message', (job: Job) => {
  process.send!(run(job));
});
process.on('disconnect', () => process.exit(0));
// Ready once the parser is installed: jobs then parse as the command line would.
void selectParser().then(() => process.send!('ready'));
