// lint() parses a text only when its result can depend on the tree: most
// scripts define no alias, and reading them whole costs more than the rest.
import { afterEach, describe, expect, it } from 'vitest';
import { lint } from '../../rules';
import { installedParser, useParser } from '../../rules/parse';

const original = installedParser()!;
let parses = 0;
useParser({
  kind: original.kind,
  parse(...args) {
    parses++;
    return original.parse(...args);
  },
});
afterEach(() => {
  parses = 0;
});

describe('lint parses only what it must', () => {
  it('does not parse a script with no alias text, and parses it when its tree is asked for', () => {
    const r = lint('#!/bin/bash\n# shellcheck disable=SC2086\necho $x | grep -v "alias"\n');
    expect(r.diagnostics).toEqual([]);
    expect(parses).toBe(0);
    expect(r.analysis.tree.rootNode.type).toBe('program');
    expect(r.analysis.tree.rootNode.namedChildCount).toBe(3);
    expect(parses).toBe(1);
    void r.analysis.tree;
    expect(parses).toBe(1);
  });

  it('parses and models a script that defines an alias, or sources a file that does', () => {
    const r = lint("#!/bin/sh\nalias k='kubectl'; k get ns\n", { checkFixes: false });
    expect(parses).toBeGreaterThanOrEqual(1);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['same-unit', 'same-unit']);
    parses = 0;
    const viaSource = lint('#!/bin/sh\n. ./lib.sh; k get ns\n', {
      checkFixes: false,
      resolveSource: (p) => (p === './lib.sh' ? { text: "alias k='kubectl'\n", name: 'lib.sh' } : undefined),
    });
    expect(parses).toBeGreaterThanOrEqual(1);
    // read with the line, before the sourced file defines it: modelled, though the definition is elsewhere
    expect(viaSource.analysis.uses.map((u) => [u.name, u.resolutions.map((x) => x.outcome)])).toEqual([['k', [0]]]);
  });
});

describe('a diagnostic works its fix out when the fix is first asked for', () => {
  const text = '#!/bin/sh\nk get ns\nalias k="kubectl"\n';

  it('parses nothing for fixes until one is read, and then gives the same fix', () => {
    const eager = lint(text).diagnostics; // checkFixes reads every fix
    parses = 0;
    const [d] = lint(text, { checkFixes: false }).diagnostics;
    expect(parses).toBe(1);
    expect(d.ruleId).toBe('use-before-definition');
    expect(d.fix ?? d.suggestions).toBeDefined();
    expect(parses).toBeGreaterThan(1);
    expect(JSON.parse(JSON.stringify(d))).toEqual(JSON.parse(JSON.stringify(eager[0])));
  });

  it('keeps a fix deleted before it was worked out deleted, and a fix set before it set', () => {
    const [gone] = lint(text, { checkFixes: false }).diagnostics;
    delete gone.fix;
    delete gone.suggestions;
    expect(gone.fixRefusal).toBeUndefined();
    expect(Object.keys(gone)).not.toContain('fix');
    const [set] = lint(text, { checkFixes: false }).diagnostics;
    set.fixRefusal = 'mine';
    expect(set.fixRefusal).toBe('mine');
    expect(set.fix ?? set.suggestions).toBeDefined();
  });
});
