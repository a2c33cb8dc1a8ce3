import { describe, expect, it } from 'vitest';
import { parse, reparse } from '../../rules';
import { masked, segments } from '../../rules/segments';
import { programUnits, splitUnits } from '../../rules/units';

const unitsOf = (text: string) =>
  splitUnits(parse(text).rootNode, text, false).map((u) => ({ text: text.slice(u.start, u.end), uncertain: u.uncertain }));

describe('parse units', () => {
  it.each([
    ['a; b\nc\n', ['a; b', 'c']],
    ['a &&\n  b\nc\n', ['a &&\n  b', 'c']],
    ['a |\nb\n', ['a |\nb']],
    ['a; \\\nb\nc\n', ['a; \\\nb', 'c']],
    ['a # comment \\\nb\n', ['a', 'b']],
    ['cat <<E\nbody\nE\nb\n', ['cat <<E\nbody\nE', 'b']],
    ['f() {\n  a\n}\nb\n', ['f() {\n  a\n}', 'b']],
    ['if x\nthen y\nfi; z\nw\n', ['if x\nthen y\nfi; z', 'w']],
    ['case $x in\n a) b;;\nesac\nc\n', ['case $x in\n a) b;;\nesac', 'c']],
    ['while read l\ndo :\ndone < f\nx\n', ['while read l\ndo :\ndone < f', 'x']],
  ])('%j', (text, expected) => {
    expect(unitsOf(text).map((u) => u.text)).toEqual(expected);
    expect(unitsOf(text).every((u) => !u.uncertain)).toBe(true);
  });

  it('distrusts units tree-sitter-bash gets wrong', () => {
    // a here-document whose start line continues
    expect(unitsOf("alias c=y; cat <<E &&\nH\nE\nc\n")[0].uncertain).toBe(true);
    expect(unitsOf('cat <<E; alias c=y\nbody\nE\n')[0].uncertain).toBe(true);
    // a word split by a backslash-newline
    expect(unitsOf('q\\\na x\n')[0].uncertain).toBe(true);
    // `$((` that is a command substitution holding a subshell
    expect(unitsOf('x=$((echo a\n) | cat)\n').some((u) => u.uncertain)).toBe(true);
    // a parse whose root is an ERROR node, even where its statements look whole (a reduced generated script)
    const text = '{ "C:$({ 2>/dev/null\n}\nNX:U6)"\nqc="echo EXP"\n"C:$(qb NX:U7; case x in x) :;;& esac && qc="echo EXP")"\n}; qa="echo EXP";\n';
    expect(parse(text).rootNode.type).toBe('ERROR');
    expect(unitsOf(text).every((u) => u.uncertain)).toBe(true);
  });
});

describe('recovery', () => {
  it('reads every segment, even one inside a misparsed unit that a recovered group overlaps', () => {
    // a reduced generated script: tree-sitter's second unit spans several segments
    const text = [
      'qa="echo EXP"; {',
      'if true; then',
      'case x in x) :;;& esac && "B:`qc',
      'NX:U3`"',
      'fi',
      '}',
      'NX:U6; ( {',
      '\'alias',
      'NX:U8\'',
      '"C:$(case x in esac',
      'f1)"',
      '};',
      'for i in 2; do',
      'qb="echo EXP"; if true; then',
      'qa="echo EXP"',
      'fi',
      'done',
      ')',
      '',
    ].join('\n');
    const units = programUnits(parse(text).rootNode, text, false);
    for (const s of segments(text).segments) expect(units.some((u) => u.start <= s.start && s.end <= u.end)).toBe(true);
  });

  // each misparsed by tree-sitter-bash, each parsed again cleanly with masks
  it.each([
    '[ "$1" = - ] && a',
    'if [ "$a" != ~ ]; then a; fi',
    '[ $# -gt 1 -o \\( -n "$b" -a \\\n  $# -ne 0 \\) ] && a',
    // `((` that closes as `) … )`: nested subshells
    'a |\n  ((b; echo $?) | c) 5<&0',
    'if a && \\\n   (( [ x ] && b ) || ( c ))\nthen d; fi',
    // quotes, extglob and a continuation in case patterns
    'case $2 in\n*"$t"*"$t"*) a;;\nesac',
    'case $w in\n*" -t dsa"?( *)) a;;\nesac',
    'case $v in\nless\' \'429* | \\\nless\' \'4[3-9]*) a;;\nesac',
    // a backtick body that starts with a newline, after another backtick
    '{ a=`b`\n  c=`\n  d`\n}',
    // the read-write redirection
    'if ! ( : <>/dev/tty ) 2>/dev/null; then a; fi',
    // a here-document with no command
    '<<\\E\nbody\nE',
    'a; <<- E\n\tbody\n\tE',
  ])('%j', (text) => {
    const tree = parse(text);
    expect(splitUnits(tree.rootNode, text, false).some((u) => u.uncertain)).toBe(true);
    const units = programUnits(tree.rootNode, text, false);
    expect(units.map((u) => [u.start, u.end, u.uncertain])).toEqual([[0, text.length, false]]);
    expect(masked(text).text).toHaveLength(text.length);
  });

  it('trusts a backslash-newline inside quotes, not in a substitution there', () => {
    expect(unitsOf('f >/dev/null "\\\n${p}x"\n')[0].uncertain).toBe(false);
    expect(unitsOf('echo "$(q\\\na x)"\n')[0].uncertain).toBe(true);
  });

  it('moves a `(` only into a blank that no word or `!` precedes', () => {
    expect(masked('a; ((b) | c)').text).toBe('a;( (b) | c)');
    expect(masked('! ((b) | c)').text).toBe('! ((b) | c)');
  });

  it('masks test operands only inside `[ … ]`', () => {
    const text = 'echo - ~ \\( \\)\n[ - = ~ ]\n';
    expect(masked(text).text).toBe('echo - ~ \\x \\x\n[ _ = _ ]\n');
  });
});

describe('segments (the independent lexer)', () => {
  it.each([
    ['a; b\nc', [[0, 4], [5, 6]]],
    ['echo "$(a\nb)" \'x\ny\'\nz', [[0, 19], [20, 21]]],
    ['f()\n{\n a\n}\nb', [[0, 10], [11, 12]]],
    ['for i do\n  a\ndone\nb', [[0, 17], [18, 19]]],
    ['case x in (a) b ;; esac\nc', [[0, 23], [24, 25]]],
    ['cat <<-"E" >f\n\tbody\n\tE\nx', [[0, 22], [23, 24]]],
    ['x=$((1 << 2))\ny', [[0, 13], [14, 15]]],
    ['[[ a < b ]] && (c)\nd', [[0, 18], [19, 20]]],
  ])('%j', (text, expected) => {
    const r = segments(text);
    expect(r.complete).toBe(true);
    expect(r.segments.map((s) => [s.start, s.end])).toEqual(expected);
  });

  it('reports an unterminated construct', () => {
    expect(segments('echo "abc\n').complete).toBe(false);
    expect(segments('if x; then\n').complete).toBe(false);
  });
});

describe('incremental reparse', () => {
  it('gives the same tree as a fresh parse after edits', () => {
    const text = "alias k='echo hi'\nf() { k; }\nf\n";
    const tree = parse(text);
    const r = reparse(text, tree, [
      { start: 9, oldEnd: 16, newText: 'kubectl' },
      { start: 0, oldEnd: 0, newText: '#!/bin/sh\n' },
    ]);
    expect(r.text).toBe("#!/bin/sh\nalias k='kubectl'\nf() { k; }\nf\n");
    expect(r.tree.rootNode.toString()).toBe(parse(r.text).rootNode.toString());
  });
});
