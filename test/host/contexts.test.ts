// What a file that other files source keeps of its own run's findings.
import { describe, expect, it } from 'vitest';
import { judgeInContexts, mayBeSourced, namedByOthers } from '../../host/contexts';

interface F { ruleId: string; at: number }
const own: F[] = ['same-unit', 'expand-aliases-off', 'alias-never-expands', 'alias-dies-with-script'].map((ruleId, at) => ({ ruleId, at }));
const ids = (fs: F[]) => fs.map((f) => f.ruleId);
const findings = { key: (f: F) => `${f.ruleId}@${f.at}`, ruleId: (f: F) => f.ruleId, message: (f: F) => f.ruleId, named: (f: F) => f };

describe('a file other files source, judged on its own', () => {
  it('loses that its aliases die with it; where it may also run on its own, nothing else', () => {
    expect(ids(mayBeSourced(own, (f) => f.ruleId, false))).toEqual(['same-unit', 'expand-aliases-off', 'alias-never-expands']);
  });

  it('where it runs only sourced, also what depends on the expand_aliases it starts with', () => {
    expect(ids(mayBeSourced(own, (f) => f.ruleId, true))).toEqual(['same-unit']);
  });

  it('sourced by linted files whose analyses gave up (no context), keeps only what holds whatever they did', () => {
    expect(ids(judgeInContexts(own, 'bash', [], findings))).toEqual(['same-unit']);
  });
});

describe('namedByOthers', () => {
  const named = namedByOthers([['/p/main.sh', ['lib.sh']], ['/p/loader.sh', ['*.sh']]]);
  it('tells a file named by another from one only a glob matches', () => {
    expect(named('/p/x/lib.sh')).toBe('name');
    expect(named('/p/build.sh')).toBe('glob');
    expect(named('/p/README')).toBeNull();
    // a file does not name itself
    expect(namedByOthers([['/p/lib.sh', ['lib.sh']]])('/p/lib.sh')).toBeNull();
  });
});
