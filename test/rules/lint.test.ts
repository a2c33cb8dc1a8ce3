// lint() parses a text only when its result can depend on the tree: most
// scripts define no alias, and reading them whole costs more than the rest.
import { afterEach, describe, expect, it } from 'vitest';
import { lint, ParsedTexts } from '../../rules';
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

  it('does not parse an executable script with no alias text, which the script rules look at', () => {
    const r = lint('#!/bin/sh\nf() { return 0; }\nf\n', { filename: 'run.sh', file: { executable: true } });
    expect(r.diagnostics).toEqual([]);
    expect(parses).toBe(0);
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

describe('a file that many scripts source is parsed once per host', () => {
  const lib = { text: "alias k='kubectl'\nhelper() { k get ns; }\n", name: '/lib/common.sh' };
  const scripts = ['#!/bin/sh\nget() { k get ns; }\n. /lib/common.sh\nget\n', '#!/bin/sh\n. /lib/common.sh\nhelper\nk version\n'];
  const options = (parsedTexts?: ParsedTexts) => ({
    checkFixes: false, parsedTexts, resolveSource: (p: string) => (p === lib.name ? { ...lib } : undefined),
  });
  const parsesOf = (run: () => unknown): number => {
    parses = 0;
    run();
    return parses;
  };

  it('reads the units parsed for the first script in every later one, with the same findings', () => {
    const shared = new ParsedTexts();
    const alone = scripts.map((s) => lint(s, options()));
    const first = lint(scripts[0], options(shared));
    // each script itself, and the library only for the first
    expect(parsesOf(() => lint(scripts[1], options(shared)))).toBe(1);
    expect(parsesOf(() => lint(scripts[1], options()))).toBe(2);
    const second = lint(scripts[1], options(shared));
    expect(second.analysis.unitsOf(lib.name)).toBe(first.analysis.unitsOf(lib.name));
    expect([first, second].map((r) => r.diagnostics)).toEqual(alone.map((r) => r.diagnostics));
    expect(alone[0].diagnostics.map((d) => d.ruleId)).toEqual(['function-read-before-alias']);
  });

  it('parses the file again once its text changed', () => {
    const shared = new ParsedTexts();
    lint(scripts[0], options(shared));
    const changed = { text: `${lib.text}# edited\n`, name: lib.name };
    const r = () => lint(scripts[0], { ...options(shared), resolveSource: (p: string) => (p === lib.name ? changed : undefined) });
    expect(parsesOf(r)).toBe(2);
    expect(parsesOf(r)).toBe(1);
  });
});
