// Every demo runs in every available real shell; every use the engine is
// certain about must match what the shell did.
import { describe, expect, it } from 'vitest';
import { DIALECT_IDS, DialectId } from '../../rules';
import { DEMOS } from '../support/demos';
import { claims } from '../support/engine-view';
import { hasShell, runBatch } from '../support/shells';

// `set -o posix` aborts the non-bash shells, which makes the demo meaningless there; so does
// `shopt -s extglob`.
const BASH_ONLY = new Set(['set_posix', 'set_positional', 'shopt_same_line', 'shopt_in_function', 'recovered_extglob_pattern', 'posixly_correct', 'shopt_o_posix']);
const ZSH_ONLY = new Set(['zsh_set_o_aliases']);

describe.each(DIALECT_IDS)('demos in %s', (dialect: DialectId) => {
  const available = hasShell(dialect);
  if (!available) console.warn(`skipping ${dialect} demos: its shell is not installed`);
  it.skipIf(!available)('match the real shell', async () => {
    const demos = DEMOS.filter((x) => (!BASH_ONLY.has(x.name) || dialect.startsWith('bash')) && (!ZSH_ONLY.has(x.name) || dialect === 'zsh'));
    const seen = await runBatch(dialect, demos.map((x) => ({ files: x.files })));
    const mismatches: string[] = [];
    const unclaimed: string[] = [];
    let certain = 0;
    let observed = 0;
    demos.forEach((demo, i) => {
      const claim = claims(demo.files, dialect);
      for (const [label, obs] of seen[i]) {
        observed++;
        const c = claim.get(label)?.claim ?? '?';
        // a recovered construct must leave its uses decidable
        if (c === '?' && demo.certain?.includes(label)) unclaimed.push(`${demo.name} ${label}`);
        if (c === '?') continue;
        certain++;
        if (obs.some((o) => o.outcome !== c)) mismatches.push(`${demo.name} ${label}: engine ${c}, shell ${obs.map((o) => o.outcome).join('')}`);
      }
    });
    console.log(`${dialect}: ${certain}/${observed} observed uses claimed with certainty, ${mismatches.length} wrong`);
    expect(mismatches).toEqual([]);
    expect(unclaimed).toEqual([]);
    expect(certain / observed).toBeGreaterThan(0.6);
  });
});

// The row comsubHeredocInCompoundFails: in bash the substitution's uses never run, so no
// observation can contradict a claim there; the engine must make none.
describe('a $( ) whose here-document sits in a compound command', () => {
  const demo = DEMOS.find((x) => x.name === 'comsub_heredoc_in_compound')!;
  for (const dialect of ['bash', 'sh'] as DialectId[]) {
    const available = hasShell(dialect);
    it.skipIf(!available)(`${dialect}: runs its uses only where the engine claims them`, async () => {
      const [seen] = await runBatch(dialect, [{ files: demo.files }]);
      const claimed = claims(demo.files, dialect).get('U1')?.claim ?? '?';
      expect(seen.has('U1')).toBe(dialect !== 'bash');
      expect(claimed === '?').toBe(dialect === 'bash');
    });
  }
});
