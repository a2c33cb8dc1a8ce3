// RuleTester in the style of ESLint's: each case is a script, what one rule
// must report on it (exact 1-based positions) and the text after its fixes.
import { describe, expect, it } from 'vitest';
import { applyFixes, DialectId, FileFacts, Fix, LineIndex, lint, Rule } from '../../rules';

export interface ValidCase {
  code: string;
  dialect?: DialectId;
  filename?: string;
  file?: FileFacts;
}

export interface ExpectedError {
  line: number;
  column: number;
  endLine?: number;
  endColumn: number;
  /** A part of the message that must appear. */
  message?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The text after applying this rule's fixes once; omit for no fix. */
  output?: string;
  /** Part of the reason given when no fix is offered, or why a suggestion is not a fix. */
  refusal?: string;
  /** The text after applying the first suggestion of each error; omit for none. */
  suggested?: string;
}

function run(rule: Rule, c: ValidCase) {
  const dialect = c.dialect ?? (c.code.startsWith('#!') ? undefined : 'sh');
  const { diagnostics } = lint(c.code, { dialect, filename: c.filename, file: c.file });
  const mine = diagnostics.filter((d) => d.ruleId === rule.meta.id);
  const lines = new LineIndex(c.code);
  return mine.map((d) => {
    const s = lines.position(d.start);
    const e = lines.position(d.end);
    return { d, line: s.line + 1, column: s.column + 1, endLine: e.line + 1, endColumn: e.column + 1 };
  });
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it('has documentation with every section', () => {
      for (const h of ['## What it does', '## Why is this bad', '## Example', '## Fix']) expect(rule.meta.docs).toContain(h);
    });
    cases.valid.forEach((c, i) => {
      it(`valid #${i + 1} (${c.dialect ?? 'sh'})`, () => {
        expect(run(rule, c).map((r) => `${r.line}:${r.column} ${r.d.message}`)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1} (${c.dialect ?? 'sh'})`, () => {
        const got = run(rule, c);
        expect(got.map((r) => ({ line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn })))
          .toEqual(c.errors.map((e) => ({
            line: e.line, column: e.column,
            endLine: e.endLine ?? e.line, endColumn: e.endColumn,
          })));
        c.errors.forEach((e, k) => {
          if (e.message) expect(got[k].d.message).toContain(e.message);
        });
        const fixes = got.map((r) => r.d.fix).filter((f): f is Fix => !!f);
        if (c.output === undefined) expect(fixes).toEqual([]);
        else expect(applyFixes(c.code, fixes).text).toBe(c.output);
        if (c.refusal) expect(got.map((r) => r.d.fixRefusal)).toContainEqual(expect.stringContaining(c.refusal));
        const suggestions = got.map((r) => r.d.suggestions?.[0]).filter((f): f is Fix => !!f);
        if (c.suggested === undefined) expect(suggestions).toEqual([]);
        else expect(applyFixes(c.code, suggestions).text).toBe(c.suggested);
      });
    });
  });
}
