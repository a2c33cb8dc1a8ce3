// Fuzz inputs, each a pure function of a seed: random bytes, mutated corpus
// files, grammar-generated and alias-heavy scripts, and a fixed list of
// extreme inputs (deep nesting, a 5 MB line, a 1 MB alias value, odd bytes).
import { DialectId } from '../../rules';
import { decode } from '../../cli/lint-file';
import { generate, rng } from '../support/generator';
import { loadCorpus } from './corpus';

export const FUZZ_DIALECTS: DialectId[] = ['bash', 'sh', 'zsh', 'ksh', 'mksh', 'bash-posix', 'busybox'];

export interface FuzzInput {
  /** What made it, e.g. `mutate:flip,splice`. */
  kind: string;
  text: string;
  dialect: DialectId;
  /** Files that `.`/`source` may read, by base name. */
  files?: Record<string, string>;
}

type Rand = () => number;

const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];

/** Bytes to text in one of the ways a face of aliascope may: the CLI's, an editor's, or plain Latin-1. */
export type Decoding = 'cli' | 'utf8-replace' | 'latin1';
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function decodeBytes(bytes: Buffer, how: Decoding): string {
  if (how === 'cli') return decode(bytes).text;
  if (how === 'latin1') return bytes.toString('latin1');
  return lenient.decode(bytes);
}

// ---------------------------------------------------------------- random bytes

const SHELL_BYTES = Buffer.from('(){}[]$`\'"\\;&|<>\n\t #=!*?~-_/.,:%^+0123456789abcdefghijklmnopqrstuvwxyzA');
const TOKENS = [
  'alias ', 'unalias ', 'a=', "'", '"', '`', '$(', ')', '${', '}', '$((', '))', '{ ', ' }', '( ', '(', 'if ', 'then ',
  'else ', 'elif ', 'fi', 'for i in ', 'do ', 'done', 'while ', 'case x in ', ' in ', 'esac', ';;', ';', '&', '&&',
  '||', '|', '\n', ' ', 'f() ', 'function g ', '<<E\n', '\nE\n', "<<'E'\n", '<<-E\n', 'eval ', '. ./x', 'source ',
  'shopt -s expand_aliases', 'shopt -u expand_aliases', 'set -o posix', 'setopt aliases', 'unsetopt aliases',
  'x', 'y', 'ls', 'echo ', '\\', '\\\n', '#', '[[ ', ' ]]', '[ ', ' ]', '<(', '>(', '$1', '"$@"', '--', '-g ',
  '=', '\r\n', '\0', '\uFEFF', 'é', '\u00a0',
];

function randomBytes(r: Rand): { bytes: Buffer; shape: string } {
  const len = pick(r, [0, 1, 2, 8, 64, 512, 4096]) + int(r, 64);
  const shape = pick(r, ['uniform', 'shell', 'tokens'] as const);
  if (shape === 'tokens') {
    let s = '';
    while (s.length < len) s += pick(r, TOKENS);
    return { bytes: Buffer.from(s, 'utf8'), shape };
  }
  const b = Buffer.alloc(len);
  for (let i = 0; i < len; i++) b[i] = shape === 'uniform' || r() < 0.1 ? int(r, 256) : SHELL_BYTES[int(r, SHELL_BYTES.length)];
  return { bytes: b, shape };
}

// ------------------------------------------------------------ mutated corpus

const INTERESTING = [0x00, 0xff, 0xfe, 0xc3, 0x80, 0xe2, 0xed, 0xa0, 0x0d, 0x0a, 0x28, 0x29, 0x7b, 0x7d, 0x60, 0x22, 0x27, 0x24, 0x5c, 0x3b, 0x7c, 0x26, 0x3c, 0x23];
const SNIPPETS = ['alias x="echo X"\n', "alias y='y '\n", 'x\n', 'y y\n', '$(', '`', '<<EOF\n', '\nEOF\n', '{ ', '}\n',
  'f() {\n', 'shopt -s expand_aliases\n', 'unalias -a\n', 'eval "', '\r\n', '\uFEFF', '\0'];

const MUTATIONS: Record<string, (r: Rand, b: Buffer, other: () => Buffer) => Buffer> = {
  flip(r, b) {
    if (b.length === 0) return b;
    const out = Buffer.from(b);
    for (let n = 1 + int(r, 8); n > 0; n--) out[int(r, out.length)] ^= 1 << int(r, 8);
    return out;
  },
  byte(r, b) {
    if (b.length === 0) return b;
    const out = Buffer.from(b);
    for (let n = 1 + int(r, 4); n > 0; n--) out[int(r, out.length)] = pick(r, INTERESTING);
    return out;
  },
  shuffle(r, b) {
    const lines = b.toString('latin1').split('\n');
    const start = int(r, lines.length);
    const end = Math.min(lines.length, start + 2 + int(r, 30));
    const part = lines.slice(start, end);
    for (let i = part.length - 1; i > 0; i--) {
      const j = int(r, i + 1);
      [part[i], part[j]] = [part[j], part[i]];
    }
    lines.splice(start, part.length, ...part);
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  truncate(r, b) {
    return b.subarray(0, int(r, b.length + 1));
  },
  splice(r, b, other) {
    const o = other();
    const from = int(r, o.length + 1);
    const chunk = o.subarray(from, from + int(r, 2048));
    const at = int(r, b.length + 1);
    const cut = r() < 0.5 ? at : Math.min(b.length, at + int(r, 512));
    return Buffer.concat([b.subarray(0, at), chunk, b.subarray(cut)]);
  },
  delete(r, b) {
    const at = int(r, b.length + 1);
    return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(r, 64)))]);
  },
  insert(r, b) {
    const at = int(r, b.length + 1);
    return Buffer.concat([b.subarray(0, at), Buffer.from(pick(r, SNIPPETS)), b.subarray(at)]);
  },
  crlf(_r, b) {
    return Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  },
  bom(_r, b) {
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);
const MUTATION_WEIGHTS: Record<string, number> = { flip: 4, byte: 3, shuffle: 3, truncate: 3, splice: 4, delete: 2, insert: 4, crlf: 1, bom: 1 };

function mutateCorpus(r: Rand): { bytes: Buffer; ops: string[] } {
  const { files } = loadCorpus();
  let bytes = pick(r, files);
  const ops: string[] = [];
  const total = MUTATION_NAMES.reduce((s, n) => s + MUTATION_WEIGHTS[n], 0);
  for (let n = 1 + int(r, 4); n > 0; n--) {
    let x = r() * total;
    const name = MUTATION_NAMES.find((m) => (x -= MUTATION_WEIGHTS[m]) < 0) ?? 'flip';
    bytes = MUTATIONS[name](r, bytes, () => pick(r, files));
    ops.push(name);
  }
  return { bytes, ops };
}

// -------------------------------------------------------- alias-heavy scripts

const NAMES = ['ll', 'k', 'x', 'g', '_a', 'a-b', 'a.b', 'ls', 'echo', 'f1', '%', '1x', 'if', '{'];
const VALUES = ['echo X', 'ls -l', "echo '$1'", 'echo "$@"', 'x', 'k get ', 'command ls', 'echo $(date)', 'echo `id`',
  'f1; echo', 'true |', 'echo a &&', '', ' ', 'for i in 1; do echo', 'echo \\"q\\"', 'cd .. ', 'FOO=1 ', '{ echo; }',
  'eval "echo e"', 'ls\necho', '#', '(', ')'];

function quoteValue(r: Rand, v: string): string {
  switch (int(r, 4)) {
    case 0: return `'${v.replace(/'/g, "'\\''")}'`;
    case 1: return `"${v.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
    case 2: return v.replace(/[^A-Za-z0-9_.-]/g, (c) => (c === '\n' ? "$'\\n'" : `\\${c}`));
    default: return `"${v}"`;
  }
}

/** Scripts made of the shapes that decide alias scope, stacked at random. */
function aliasHeavy(r: Rand, depth = 0): string {
  const name = () => pick(r, NAMES);
  const def = () => {
    const n = 1 + (r() < 0.2 ? int(r, 3) : 0);
    const parts = Array.from({ length: n }, () => `${name()}=${quoteValue(r, pick(r, VALUES))}`);
    return `alias ${r() < 0.1 ? '-- ' : ''}${parts.join(' ')}`;
  };
  const use = () => `${name()} ${pick(r, ['', 'arg', '"$@"', '| cat', '&', '; x'])}`;
  const shapes: (() => string)[] = [
    def, def, use, use, use,
    () => `unalias ${r() < 0.2 ? '-a' : name()}`,
    () => pick(r, ['shopt -s expand_aliases', 'shopt -u expand_aliases', 'set -o posix', 'set +o posix', 'setopt aliases', 'unsetopt aliases', 'alias', 'alias -p']),
    () => `${def()}; ${use()}`,
    () => `${name()}() { ${use()}; }`,
    () => `function ${name()} { ${use()}; }`,
    () => `eval ${quoteValue(r, `${def()}; ${use()}`)}`,
    () => `echo "$(${def()}; ${use()})"`,
    () => `echo \`${use()}\``,
    () => `cat <<${pick(r, ['E', "'E'", '-E'])}\n$(${use()})\n\`${use()}\`\nE`,
    () => `. ./${pick(r, ['lib.sh', 'missing.sh'])}`,
    () => `${use()} <(${use()})`,
  ];
  if (depth < 3) {
    shapes.push(
      () => `{ ${aliasHeavy(r, depth + 1)}\n}`,
      () => `( ${aliasHeavy(r, depth + 1)}\n)`,
      () => `if ${use()}; then\n${aliasHeavy(r, depth + 1)}\nfi`,
      () => `while false; do\n${aliasHeavy(r, depth + 1)}\ndone`,
      () => `case $1 in\n*) ${aliasHeavy(r, depth + 1)} ;;\nesac`,
      () => `f${depth}() {\n${aliasHeavy(r, depth + 1)}\n}`,
      () => `true | { ${aliasHeavy(r, depth + 1)}\n}`,
    );
  }
  const lines: string[] = [];
  for (let n = 1 + int(r, depth === 0 ? 12 : 4); n > 0; n--) lines.push(pick(r, shapes)());
  return lines.join(r() < 0.8 ? '\n' : '; ');
}

const SHEBANGS: Record<DialectId, string> = {
  bash: '#!/bin/bash', 'bash-posix': '#!/bin/bash --posix', sh: '#!/bin/sh', busybox: '#!/bin/busybox sh',
  zsh: '#!/usr/bin/env zsh', ksh: '#!/bin/ksh', mksh: '#!/bin/mksh',
};

// ------------------------------------------------------------------- seeded

/** The input of one fuzz iteration. */
export function inputForSeed(seed: number): FuzzInput {
  const r = rng(seed);
  const dialect = pick(r, FUZZ_DIALECTS);
  const kind = pick(r, ['bytes', 'mutate', 'mutate', 'mutate', 'grammar', 'alias', 'alias'] as const);
  const decoding = pick(r, ['cli', 'cli', 'utf8-replace', 'latin1'] as const);
  switch (kind) {
    case 'bytes': {
      const { bytes, shape } = randomBytes(r);
      return { kind: `bytes:${shape}:${decoding}`, text: decodeBytes(bytes, decoding), dialect };
    }
    case 'mutate': {
      const { bytes, ops } = mutateCorpus(r);
      return { kind: `mutate:${ops.join(',')}:${decoding}`, text: decodeBytes(bytes, decoding), dialect };
    }
    case 'grammar': {
      const { files } = generate(int(r, 2 ** 31), dialect.startsWith('bash'));
      const main = files['main.sh'];
      const head = r() < 0.5 ? `${SHEBANGS[dialect]}\n` : '';
      return { kind: 'grammar', text: head + main, dialect, files };
    }
    default: {
      // The library sources nothing: a file that sources itself is one of the extremes below.
      const lib = aliasHeavy(r, 1).replace(/\. \.\/\S+/g, 'true');
      const text = `${r() < 0.5 ? `${SHEBANGS[dialect]}\n` : ''}${aliasHeavy(r)}\n`;
      return { kind: 'alias', text, dialect, files: { 'lib.sh': `${lib}\n` } };
    }
  }
}

// ----------------------------------------------------------------- extremes

const DEPTH = 10_000;
const MB = 1 << 20;

const SELF_SOURCING = 'alias x=y\n. ./self.sh\n'.repeat(3);

/** Fixed extreme inputs, by name; each is built only when asked for. */
export const SPECIALS: Record<string, () => string | { text: string; files: Record<string, string> }> = {
  'nest-brace-10000': () => `alias x="echo X"\n${'{ '.repeat(DEPTH)}x${'; }'.repeat(DEPTH)}\n`,
  'nest-paren-10000': () => `alias x="echo X"\n${'( '.repeat(DEPTH)}x${' )'.repeat(DEPTH)}\n`,
  'nest-comsub-10000': () => `alias x="echo X"\necho ${'$( '.repeat(DEPTH)}x${' )'.repeat(DEPTH)}\n`,
  'nest-if-10000': () => `alias x="echo X"\n${'if true; then\n'.repeat(DEPTH)}x\n${'fi\n'.repeat(DEPTH)}`,
  'nest-mixed-10000': () => {
    const open = ['{ ', '( ', '$( ', 'if true; then '];
    const close = ['; }', ' )', ' )', '; fi'];
    let a = '';
    let b = '';
    for (let i = 0; i < DEPTH; i++) {
      a += open[i % 4];
      b = close[i % 4] + b;
    }
    return `alias x="echo X"\n${a}x${b}\n`;
  },
  'nest-unclosed-10000': () => `${'$( { ( if '.repeat(DEPTH / 4)}x\n`,
  'line-5mb-word': () => `echo ${'a'.repeat(5 * MB)}\n`,
  'line-5mb-quoted': () => `alias x="echo X"; x "${'b '.repeat(5 * MB / 2)}"\n`,
  'line-5mb-comment': () => `alias x="echo X"; x # ${'c'.repeat(5 * MB)}\n`,
  'line-5mb-unterminated': () => `alias x='${'d'.repeat(5 * MB)}\n`,
  'line-5mb-commands': () => `alias x="echo X"; ${'x a; '.repeat(5 * MB / 5)}\n`,
  'alias-1mb-value': () => `shopt -s expand_aliases\nf() { big; }\nalias big="echo ${'y'.repeat(MB)}"\nbig; f\n`,
  'alias-1mb-value-quoted': () => `alias big="${'echo \'z\' \\"q\\" \\$x; '.repeat(MB / 21)}"\nf() { big; }\nbig\n`,
  'alias-1mb-many-definitions': () => `alias big='${"echo 'z' ".repeat(MB / 9)}'\nbig\n`,
  'nul-bytes': () => 'alias a="echo\0A"\0\na\0 b\n\0\0\0f() { a; }\0alias f=\0\n',
  'invalid-utf8-cli': () => decode(Buffer.from([0x61, 0x6c, 0x69, 0x61, 0x73, 0x20, 0x78, 0x3d, 0xff, 0xfe, 0x0a, 0x78, 0xc3, 0x0a, 0xed, 0xa0, 0x80])).text,
  'invalid-utf8-replace': () => decodeBytes(Buffer.from('alias x=\xff\xfe\nx \xc3(\nf() { x; }\n\xed\xa0\x80', 'latin1'), 'utf8-replace'),
  'lone-surrogates': () => 'alias \ud800x="echo \udc00"\n\ud800x\nf() { \udfff; }\nalias \udfff=true\n',
  crlf: () => '#!/bin/bash\r\nf() {\r\n  ll\r\n}\r\nalias ll="ls -l"\r\nf\r\nll\r\n',
  'crlf-lone-cr': () => 'alias a=b\ra\r\r\nf() { a; }\ralias b=c\n\r',
  bom: () => '\uFEFF#!/bin/sh\nf() { k; }\nalias k=kubectl\nf\n',
  'source-self': () => ({ text: SELF_SOURCING, files: { 'self.sh': SELF_SOURCING } }),
  'source-mutual': () => ({ text: 'alias a=b\n. ./p.sh\n', files: { 'p.sh': 'alias p=q\n. ./q.sh\n. ./q.sh\n', 'q.sh': 'alias q=r\n. ./p.sh\n. ./p.sh\n' } }),
  'bom-everywhere': () => '\uFEFFalias\uFEFF k=\uFEFFx\n\uFEFFk\n',
  // a use per definition asks whether the definition is a fallback never defined here: once, not per use
  'fallback-builtin-5000-uses': () => `has_local() { local _h; }\nhas_local 2>/dev/null || alias local=typeset\n${'f() { local a=1; local b=2; }\n'.repeat(2500)}`,
  // each use of an alias that opens a here-document looks for where it closes: near the use, not to the end
  'heredoc-alias-2000-uses': () => `shopt -s expand_aliases\nalias t='cat >/dev/null <<E'\n${'t\nbody\nE\n'.repeat(2000)}`,
  'comment-alias-2000-uses': () => `shopt -s expand_aliases\nalias n='echo # note'\n${'n; echo y\necho x\n'.repeat(2000)}`,
};

export function specialInput(name: string, dialect: DialectId): FuzzInput {
  const made = SPECIALS[name]();
  return typeof made === 'string' ? { kind: `special:${name}`, text: made, dialect } : { kind: `special:${name}`, dialect, ...made };
}
