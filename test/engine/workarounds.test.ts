// Every tree-sitter-bash workaround in rules/workarounds.ts, on its own
// example: the lexer applies it by name, the rewrite keeps the length and the
// number of lines, the result parses without errors, and tree-sitter-bash still needs it
// (an example that stops erroring means the grammar changed: look again).
import { describe, expect, it } from 'vitest';
import { errorCount, parse } from '../../rules/parse';
import { masked } from '../../rules/segments';
import { WORKAROUNDS, WorkaroundId } from '../../rules/workarounds';

const lines = (t: string) => t.split('\n').length;

describe('tree-sitter-bash workarounds', () => {
  for (const [id, w] of Object.entries(WORKAROUNDS) as [WorkaroundId, (typeof WORKAROUNDS)[WorkaroundId]][]) {
    it(`${id}: ${JSON.stringify(w.example)}`, () => {
      const { text, applied } = masked(w.example);
      expect(applied).toContain(id);
      expect(text).toHaveLength(w.example.length);
      expect(lines(text)).toBe(lines(w.example));
      expect(errorCount(parse(text))).toBe(0);
      expect(errorCount(parse(w.example)) > 0).toBe(w.errors);
    });
  }

  it('applies none to text tree-sitter-bash reads right', () => {
    expect(masked('alias k=kubectl\nk get pods | grep x && echo "$(date)"\n').applied).toEqual([]);
  });
});
