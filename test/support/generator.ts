// A seeded generator of scripts that mix alias definitions and marked uses
// with every construct whose read time matters: functions, groups, subshells,
// conditionals, loops, `$( )`, backticks, here-documents in every position,
// literal and dynamic `eval`, `source` in every position, `unalias`, `shopt`,
// line continuations, comments ending in a backslash, bare here-documents used
// as comments, assignment/redirection prefixes and trailing-blank alias chains.
// Every use is labelled (see shells.ts) and remembers its name and the
// constructs around it; every definition prints its own label.

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ctx {
  depth: number;
  /** Inside backticks: no nested backticks, no quotes. */
  backtick: boolean;
  /** Inside a single-quoted eval string: no single quotes, no eval. */
  evalString: boolean;
  /** Inside `$( )` or backticks. */
  substitution: boolean;
  /** Inside a file that main.sh sources. */
  sourced: boolean;
  path: string[];
  /** bash-only statements allowed. */
  bash: boolean;
}

export interface GeneratedScript {
  files: Record<string, string>;
  /** Label → the constructs that enclose the use, outermost first. */
  constructs: Map<string, string>;
  /** Label → the alias name the use reads. */
  names: Map<string, string>;
  /** Every alias name some file defines. */
  defined: Set<string>;
}

const NAMES = ['qa', 'qb', 'qc'];
/** An alias whose value ends in a blank, so the word after it is read as an alias too. */
const CHAIN = 'qt';

/**
 * Commands tree-sitter-bash misparses and recovery parses again with masks;
 * each succeeds in every shell. A use joined to one shares its parse unit.
 */
const RECOVERED = ['[ x != - ]', '[ \\( x = x \\) -a ~ != - ]', 'true && ((true) | true)',
  'case "a b" in *"a"*" "b) true;; esac',
  'x=`true` && y=`\n  true`',
  ': "a\\\n${HOME}b"', ': <>/dev/null'];

/** Assignment and redirection prefixes; bash and ksh93 stop alias expansion after some of them. */
const PREFIXES = ['X=1 ', '3>/dev/null ', 'X=1 3>/dev/null ', 'X=1 3>/dev/null Y=2 ', '3>/dev/null X=1 '];

/** A here-document's delimiter ends the text: what follows must start a new line. */
const endsWithDelimiter = (s: string): boolean => /\n[A-Z]+$/.test(s);

type Kind = [weight: (ctx: Ctx) => number, make: (ctx: Ctx) => string];

export class ScriptGenerator {
  private label = 0;
  private defLabel = 0;
  private fn = 0;
  private inc = 0;
  private readonly functions: string[] = [];
  private readonly files: Record<string, string> = {};
  private readonly constructs = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private readonly defined = new Set<string>();
  private readonly kinds: Kind[];

  constructor(private readonly rand: () => number) {
    const branch = (ctx: Ctx) => (ctx.depth >= 3 ? 0 : 1);
    const plainText = (ctx: Ctx) => !ctx.backtick && !ctx.evalString;
    this.kinds = [
      [() => 4, (ctx) => this.use(ctx)],
      [() => 3, (ctx) => this.def(ctx)],
      [(ctx) => (ctx.backtick ? 0 : 1), () => `unalias ${this.pick(NAMES)} 2>/dev/null`],
      [(ctx) => (ctx.bash ? 1 : 0), () => `shopt -${this.chance(0.8) ? 's' : 'u'} expand_aliases`],
      [() => (this.functions.length ? 2 : 0), () => this.pick(this.functions)],
      [() => 1, (ctx) => `true && ${this.use(this.nested(ctx, 'andand'))}`],
      // ksh93 reads `((` in a substitution as arithmetic; backticks do not nest
      [(ctx) => (ctx.backtick ? 0 : 1), (ctx) => `${this.pick(RECOVERED.filter((r) => !ctx.substitution || !r.includes('((')))} && ${this.use(this.nested(ctx, 'recovered'))}`],
      [() => 1, (ctx) => `${this.pick(PREFIXES)}${this.use(this.nested(ctx, 'prefix'))}`],
      [(ctx) => (ctx.backtick ? 0 : 1), () => this.chainDef()],
      [() => 1, (ctx) => this.chainUse(this.nested(ctx, 'chain'))],
      // a backslash-newline joins the next line, even at column 0, into this unit
      [(ctx) => (plainText(ctx) ? 1 : 0), (ctx) => `${this.def(ctx)} ${this.pick(['&&', ';'])} \\\n${this.use(this.nested(ctx, 'continuation'))}`],
      // a comment ending in a backslash does not
      [(ctx) => (plainText(ctx) ? 1 : 0), (ctx) => `${this.def(ctx)} # note \\\n${this.use(this.nested(ctx, 'comment'))}`],
      [(ctx) => (plainText(ctx) && !ctx.substitution ? 1 : 0), () => this.bareHeredoc()],
      [(ctx) => (plainText(ctx) && !ctx.substitution ? 1 : 0), (ctx) => this.dynamicEval(ctx)],
    ];
    const compound: Kind[] = [
      [branch, (ctx) => this.functionDef(ctx)],
      [branch, (ctx) => `{ ${this.block(this.nested(ctx, 'group'), 1, 3)}\n}`],
      [branch, (ctx) => `( ${this.block(this.nested(ctx, 'subshell'), 1, 3)}\n)`],
      [branch, (ctx) => `if ${this.pick(['true', 'false'])}; then\n${this.block(this.nested(ctx, 'if'), 1, 2)}\nfi`],
      [branch, (ctx) => `for i in 1 2; do\n${this.block(this.nested(ctx, 'loop'), 1, 3)}\ndone`],
      [branch, (ctx) => `true | ${this.def(this.nested(ctx, 'pipeline'))}`],
      [branch, (ctx) => `${this.def(ctx)} &\nwait`],
      [(ctx) => (ctx.backtick ? 0 : 2 * branch(ctx)), (ctx) => {
        const body = this.block(this.nested(ctx, 'comsub', { substitution: true }), 1, 3);
        // `$((` would open arithmetic in most shells: `$( (` is the portable way
        return `echo "C:$(${body.startsWith('(') ? ' ' : ''}${body}${endsWithDelimiter(body) ? '\n' : ''})"`;
      }],
      [(ctx) => (ctx.backtick ? 0 : branch(ctx)), (ctx) => `echo "B:\`${this.block(this.nested(ctx, 'backtick', { backtick: true, substitution: true }), 1, 2)}\`"`],
      [(ctx) => (!ctx.evalString && !ctx.backtick ? branch(ctx) : 0), (ctx) => `eval '${this.block(this.nested(ctx, 'eval', { evalString: true }), 1, 3)}'`],
      [(ctx) => (!ctx.backtick && !ctx.sourced ? branch(ctx) : 0), (ctx) => this.source(ctx)],
      [(ctx) => (plainText(ctx) ? branch(ctx) : 0), (ctx) => this.heredoc(ctx)],
    ];
    this.kinds.push(...compound);
  }

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }

  private chance(p: number): boolean {
    return this.rand() < p;
  }

  private newLabel(ctx: Ctx, name: string): string {
    const l = `U${++this.label}`;
    this.constructs.set(l, ctx.path.join('>') || 'top');
    this.names.set(l, name);
    return l;
  }

  private use(ctx: Ctx): string {
    const name = this.pick(NAMES);
    const l = this.newLabel(ctx, name);
    return `${name} ${l} || echo NX:${l}`;
  }

  /** `qt qa U1`: the head's own label is U1h; qa is read as an alias only when qt expanded. */
  private chainUse(ctx: Ctx): string {
    const name = this.pick(NAMES);
    const l = this.newLabel(ctx, name);
    this.constructs.set(`${l}h`, ctx.path.join('>'));
    this.names.set(`${l}h`, CHAIN);
    return `${CHAIN} ${name} ${l} || echo NX:${l}h`;
  }

  private chainDef(): string {
    this.defined.add(CHAIN);
    return `alias ${CHAIN}="echo CH "`;
  }

  private def(ctx: Ctx): string {
    if (ctx.backtick) return this.use(ctx);
    const name = this.pick(NAMES);
    this.defined.add(name);
    return `alias ${name}="echo EXP:D${++this.defLabel}"`;
  }

  /** A list of statements joined by newlines or `;` (same parse unit). */
  block(ctx: Ctx, min: number, max: number): string {
    const n = min + Math.floor(this.rand() * (max - min + 1));
    let out = '';
    for (let i = 0; i < n; i++) {
      const s = this.statement(ctx);
      out += s;
      // a here-document's delimiter or a continued line must end its line
      if (i < n - 1) out += endsWithDelimiter(s) || ctx.backtick || this.chance(0.6) ? '\n' : '; ';
    }
    return out;
  }

  private nested(ctx: Ctx, name: string, extra: Partial<Ctx> = {}): Ctx {
    return { ...ctx, ...extra, depth: ctx.depth + 1, path: [...ctx.path, name] };
  }

  statement(ctx: Ctx): string {
    const total = this.kinds.reduce((s, [w]) => s + w(ctx), 0);
    let r = this.rand() * total;
    for (const [w, make] of this.kinds) {
      if ((r -= w(ctx)) < 0) return make(ctx);
    }
    return this.use(ctx);
  }

  private functionDef(ctx: Ctx): string {
    const name = `f${++this.fn}`;
    const body = this.block(this.nested(ctx, 'function'), 1, 3);
    this.functions.push(name);
    return `${name}() {\n${body}\n}`;
  }

  /** Sourced at top level, in a function, in a subshell, in an eval string, under a condition, or twice. */
  private source(ctx: Ctx): string {
    const name = `inc${++this.inc}.sh`;
    // a file an eval string sources is text of its own: single quotes are fine there
    this.files[name] = `${this.block(this.nested(ctx, 'source', { sourced: true, evalString: false }), 1, 3)}\n`;
    const dot = `. ./${name}`;
    return this.pick([dot, `${dot}\n${dot}`, `if ${this.pick(['true', 'false'])}; then ${dot}; fi`, `( ${dot} )`]);
  }

  /** Here-documents: with a `$( )` and backticks in the body, several on one line, or continued by `&&`. */
  private heredoc(ctx: Ctx): string {
    const inner = this.nested(ctx, 'heredoc', { substitution: true });
    switch (this.pick(['plain', 'two', 'andand'])) {
      case 'two':
        return `cat <<A; cat <<B\nH:$(${this.use(inner)})\nA\nH:\`${this.use(inner)}\`\nB`;
      case 'andand':
        return `cat <<E &&\nbody\nE\n${this.use(this.nested(ctx, 'heredoc-andand'))}`;
      default:
        return `cat <<E\nH:$(${this.use(inner)})\nE`;
    }
  }

  /** A here-document with no command, as a block comment: its text is never code. */
  private bareHeredoc(): string {
    return `<<'COMMENT'\nYou need shopt -s expand_aliases; . ./nowhere.sh\neval "$x"\nCOMMENT`;
  }

  /** `eval` of a string with an expansion in argument position: data, not code. */
  private dynamicEval(ctx: Ctx): string {
    if (this.chance(0.5)) return `v=ARG; eval "set -- $v"`;
    return `v=ARG; eval "${this.use(this.nested(ctx, 'dyneval'))} $v"`;
  }

  script(bash: boolean): GeneratedScript {
    const main = this.block({ depth: 0, backtick: false, evalString: false, substitution: false, sourced: false, path: [], bash }, 4, 9);
    return { files: { 'main.sh': `${main}\n`, ...this.files }, constructs: this.constructs, names: this.names, defined: this.defined };
  }
}

export function generate(seed: number, bash: boolean): GeneratedScript {
  return new ScriptGenerator(rng(seed)).script(bash);
}
