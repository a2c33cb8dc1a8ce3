// literal() gives the word the shell sees, read from the text alone where the
// word is plain and quoted text, and from its parts otherwise: both against
// what bash itself prints for the same word.
import { execFileSync } from 'child_process';
import { describe, expect, it } from 'vitest';
import { parse, SyntaxNode } from '../../rules/parse';
import { literal } from '../../rules/words';

/** Words with a value known before anything runs, read from the text or from the parts. */
const KNOWN = [
  'k0', 'deploy_1', 'a.b,c:d/e+f@g%h^i=j-k', "x='kubectl --context ctx'", 'a\'b c\'"d e"', '"plain text"', "''", '""',
  "'it'\\''s'", 'foo\\ bar', '"a\\\\b"', '"say \\"hi\\""', 'a\\*', 'x="1"\'2\'3',
];
/** Words whose value depends on expansion or matching: no literal. */
const UNKNOWN = ['"$x"', 'a*', '$(ls)', '`ls`', "$'a\\tb'", 'a?', 'x=$HOME', '"${x}y"'];

/**
 * The node of the word as an argument, and as a command name where it can be
 * one (a word with `=` there is an assignment).
 */
function nodes(word: string): SyntaxNode[] {
  const first = (text: string) => parse(text).rootNode.descendantsOfType('command')[0];
  const arg = first(`alias ${word}\n`).childrenForFieldName('argument')[0];
  return word.includes('=') ? [arg] : [arg, first(`${word} arg\n`).childForFieldName('name')!];
}

const bash = (word: string): string => execFileSync('bash', ['-c', `printf %s ${word}`], { encoding: 'utf8' });

describe('literal', () => {
  it.each(KNOWN)('reads %s as bash does', (word) => {
    const expected = bash(word);
    for (const node of nodes(word)) expect(literal(node), node.type).toBe(expected);
  });

  it.each(UNKNOWN)('knows no value for %s', (word) => {
    for (const node of nodes(word)) expect(literal(node), node.type).toBeNull();
  });
});
