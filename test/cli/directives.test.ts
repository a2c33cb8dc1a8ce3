// Inline directives: aliascope's own and ShellCheck's, scoped to the next
// command, a block, or the file; unused ones reported on request.
import { describe, expect, it } from 'vitest';
import { applyDirectives, findDirectives } from '../../rules/directives';
import { lint, parse, RULES } from '../../rules';
import { aliascope, project } from './helpers';

const metas = RULES.map((r) => r.meta);
const check = (text: string) => {
  const { diagnostics, analysis } = lint(text, { filename: 'x.sh' });
  return applyDirectives(text, analysis.tree, diagnostics, metas);
};
const ids = (ds: { ruleId: string }[]) => ds.map((d) => d.ruleId);

const USE = 'alias k="kubectl"; k get pods\n';

describe('directives (pure module)', () => {
  it('finds nothing to silence without a directive', () => {
    const r = check(`#!/bin/sh\n${USE}`);
    expect(ids(r.kept)).toEqual(['same-unit', 'same-unit']);
    expect(r.suppressed).toEqual([]);
  });

  it('disable=rule silences the next command (its whole line), and only that', () => {
    const r = check(`#!/bin/sh\necho first\n# aliascope disable=same-unit\n${USE}${USE.replace(/k/g, 'j')}`);
    expect(r.suppressed.length).toBe(2);
    expect(r.kept.length).toBe(2);
    expect(r.kept.every((d) => d.start > r.suppressed[1].start)).toBe(true);
  });

  it('covers a whole block: a function body after the directive', () => {
    const text = '#!/bin/bash\nshopt -s expand_aliases\n# aliascope disable=alias-in-function\nf() {\n  alias k=kubectl\n  k get pods\n}\nf\n';
    const plain = check(text.replace('# aliascope disable=alias-in-function\n', ''));
    expect(ids(plain.kept)).toContain('alias-in-function');
    const r = check(text);
    expect(ids(r.kept)).not.toContain('alias-in-function');
    expect(ids(r.suppressed)).toContain('alias-in-function');
  });

  it('disable-file silences everywhere; with rules, only those rules', () => {
    expect(check(`#!/bin/sh\necho\n${USE}# aliascope disable-file\n`).kept).toEqual([]);
    const some = check(`#!/bin/bash\n# aliascope disable-file=use-before-definition\nk x\nalias k=y\n`);
    expect(ids(some.kept)).toEqual(['alias-never-expands']);
    expect(ids(some.suppressed)).toEqual(['use-before-definition']);
  });

  it('needs no tree when nothing is to be silenced and no aliascope directive is there', () => {
    const text = '#!/bin/sh\n# shellcheck disable=SC2086\necho $x\n';
    let asked = 0;
    const later = () => {
      asked++;
      return parse(text);
    };
    expect(applyDirectives(text, later, [], metas)).toEqual({ kept: [], suppressed: [], unused: [], unknown: [] });
    expect(asked).toBe(0);
    // ours can be wrong with nothing to silence: an unknown rule is reported, which takes the tree
    const ours = '#!/bin/sh\n# aliascope disable=no-such-rule\necho $x\n';
    expect(applyDirectives(ours, () => { asked++; return parse(ours); }, [], metas).unknown).toHaveLength(1);
    expect(asked).toBe(1);
  });

  it('takes a reason after --', () => {
    const text = `#!/bin/sh\n# aliascope disable=same-unit -- the alias is for the interactive shell\n${USE}`;
    const [d] = findDirectives(text, parse(text));
    expect(d).toMatchObject({ tool: 'aliascope', names: ['same-unit'], reason: 'the alias is for the interactive shell' });
    expect(check(text).kept).toEqual([]);
  });

  it('honours ShellCheck codes for the rules that overlap them', () => {
    for (const code of ['SC2262', 'SC2263', '2262']) {
      expect(check(`#!/bin/sh\necho\n# shellcheck disable=${code}\n${USE}`).kept).toEqual([]);
    }
    // SC2086 is not ours: nothing is silenced.
    expect(check(`#!/bin/sh\necho\n# shellcheck disable=SC2086\n${USE}`).kept.length).toBe(2);
    const info = check('#!/bin/sh\necho\n# shellcheck disable=SC2139 # on purpose\nalias a="echo $HOME"\n');
    expect(info.kept).toEqual([]);
    expect(ids(info.suppressed)).toEqual(['alias-definition-expansion']);
    expect(check("#!/bin/sh\necho\n# shellcheck disable=SC2142\nalias p='echo $1'\n").kept).toEqual([]);
    expect(check("#!/bin/sh\necho\nalias p='echo $1'\n").kept.map((d) => d.ruleId)).toEqual(['alias-positional-params']);
  });

  it('a directive that silences a definition silences the same-unit report of its use on a later line', () => {
    // ShellCheck drops the whole finding, its SC2263 note at the use included
    const text = "#!/bin/sh\necho\n# shellcheck disable=SC2262\nalias k='kubectl' && \\\n  k get pods\n";
    const r = check(text);
    expect(r.kept).toEqual([]);
    expect(ids(r.suppressed)).toEqual(['same-unit', 'same-unit']);
    // without the directive both are reported
    expect(check(text.replace('# shellcheck disable=SC2262\n', '')).kept.length).toBe(2);
    // a directive that covers only the use leaves the definition's report
    const onUse = "#!/bin/sh\necho\nalias k='kubectl' && \\\n  # shellcheck disable=SC2263\n  k get pods\n";
    expect(ids(check(onUse).kept)).toEqual(['same-unit']);
  });

  it('a ShellCheck directive right after the shebang covers the file, as in ShellCheck', () => {
    expect(check(`#!/bin/sh\n# shellcheck disable=SC2262,SC2263\necho\n${USE}${USE}`).kept).toEqual([]);
    expect(check(`#!/bin/sh\n\n# shellcheck disable=SC2262,SC2263\necho\n${USE}`).kept.length).toBe(2);
  });

  it('a directive-looking line inside a string or here-document is not a directive', () => {
    expect(check(`#!/bin/sh\ncat <<EOF\n# aliascope disable-file\nEOF\n${USE}`).kept.length).toBe(2);
    expect(check(`#!/bin/sh\necho "\n# aliascope disable-file\n"\n${USE}`).kept.length).toBe(2);
  });

  it('reports unknown rules, and unused directives', () => {
    const r = check(`#!/bin/sh\n# aliascope disable=no-such-rule\necho\n# aliascope disable=use-before-definition\n${USE}`);
    expect(r.unknown.map((u) => u.message)).toEqual(['Unknown rule `no-such-rule` in aliascope directive.']);
    expect(r.unused.map((u) => u.message)).toEqual(['Unused aliascope directive: no problem from rule `use-before-definition` was reported here.']);
    expect(r.kept.length).toBe(2);
  });

  it('reports a directive it cannot read, which silences nothing', () => {
    const r = check(`#!/bin/sh\n# aliascope disable=same-unit because it is fine\n${USE}`);
    expect(r.unknown.map((u) => u.message)).toEqual([expect.stringMatching(/^Malformed aliascope directive, which silences nothing: .* ` -- `/)]);
    expect(r.kept.length).toBe(2);
    expect(check(`#!/bin/sh\n# aliascope disable=same-unit -- it is fine\n${USE}`).unknown).toEqual([]);
  });
});

describe('directives on the command line', () => {
  it('silenced problems do not fail the run; --report-unused-disable-directives does', () => {
    const dir = project({
      'a.sh': `#!/bin/sh\n# aliascope disable=same-unit\n${USE}`,
      'b.sh': '#!/bin/sh\n# aliascope disable=same-unit\necho fine\n',
    });
    const quiet = aliascope(['-f', 'json', '.'], { cwd: dir });
    expect(quiet.status).toBe(0);
    expect(JSON.parse(quiet.stdout).map((f: { suppressedCount: number }) => f.suppressedCount)).toEqual([2, 0]);
    const strict = aliascope(['-f', 'gcc', '--report-unused-disable-directives', '.'], { cwd: dir });
    expect(strict.status).toBe(1);
    expect(strict.stdout).toBe('b.sh:2:1: error: Unused aliascope directive: no problem from rule `same-unit` was reported here. [directive]\n');
  });

  it('# shellcheck shell= picks the dialect, over the shebang', () => {
    const dir = project({ 'x.sh': `#!/bin/sh\n# shellcheck shell=ksh\n${USE}`, 'y.sh': `#!/bin/sh\n${USE}` });
    const r = aliascope(['-f', 'gcc', 'x.sh', 'y.sh'], { cwd: dir }).stdout;
    expect(r).toMatch(/^x\.sh:3:\d+: error: .*; ksh93 runs the command/m);
    expect(r).toMatch(/^y\.sh:2:\d+: error: .*; sh \(dash\) runs the command/m);
  });
});
