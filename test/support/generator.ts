// A seeded generator of scripts that mix alias definitions and marked uses
// with functions, groups, subshells, conditionals, loops, `$( )`, backticks,
// here-documents, eval, source, unalias and shopt. Every use is labelled
// (see shells.ts) and remembers the constructs around it.

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
  /** Inside `$( )` or backticks: no here-documents. */
  substitution: boolean;
  path: string[];
  /** bash-only statements allowed. */
  bash: boolean;
}

export interface GeneratedScript {
  files: Record<string, string>;
  /** Label → the constructs that enclose the use, outermost first. */
  constructs: Map<string, string>;
}

const NAMES = ['qa', 'qb', 'qc'];

/**
 * Commands tree-sitter-bash misparses and recovery parses again with masks;
 * each succeeds in every shell. A use joined to one shares its parse unit.
 */
const RECOVERED = ['[ x != - ]', '[ \\( x = x \\) -a ~ != - ]', 'true && ((true) | true)',
  'case "a b" in *"a"*" "b) true;; esac',
  'x=`true` && y=`\n  true`',
  ': "a\\\n${HOME}b"', ': <>/dev/null'];

export class ScriptGenerator {
  private label = 0;
  private fn = 0;
  private inc = 0;
  private readonly functions: string[] = [];
  private readonly files: Record<string, string> = {};
  private readonly constructs = new Map<string, string>();

  constructor(private readonly rand: () => number) {}

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }

  private chance(p: number): boolean {
    return this.rand() < p;
  }

  private use(ctx: Ctx): string {
    const l = `U${++this.label}`;
    this.constructs.set(l, ctx.path.join('>') || 'top');
    return `${this.pick(NAMES)} ${l} || echo NX:${l}`;
  }

  private def(ctx: Ctx): string {
    if (ctx.backtick) return this.use(ctx);
    return `alias ${this.pick(NAMES)}="echo EXP"`;
  }

  /** A list of statements joined by newlines or `;` (same parse unit). */
  block(ctx: Ctx, min: number, max: number): string {
    const n = min + Math.floor(this.rand() * (max - min + 1));
    let out = '';
    for (let i = 0; i < n; i++) {
      const s = this.statement(ctx);
      out += s;
      if (i < n - 1) out += s.endsWith('\nE') || ctx.backtick || this.chance(0.6) ? '\n' : '; ';
    }
    return out;
  }

  private nested(ctx: Ctx, name: string, extra: Partial<Ctx> = {}): Ctx {
    return { ...ctx, ...extra, depth: ctx.depth + 1, path: [...ctx.path, name] };
  }

  statement(ctx: Ctx): string {
    const leaf = ctx.depth >= 3;
    const options: [number, () => string][] = [
      [4, () => this.use(ctx)],
      [3, () => this.def(ctx)],
      [1, () => (ctx.backtick ? this.use(ctx) : `unalias ${this.pick(NAMES)} 2>/dev/null`)],
      [ctx.bash ? 1 : 0, () => `shopt -${this.chance(0.8) ? 's' : 'u'} expand_aliases`],
      [this.functions.length ? 2 : 0, () => this.pick(this.functions)],
      [1, () => `true && ${this.use(this.nested(ctx, 'andand'))}`],
      // ksh93 reads `((` in a substitution as arithmetic; backticks do not nest
      [ctx.backtick ? 0 : 1, () => `${this.pick(RECOVERED.filter((r) => !ctx.substitution || !r.includes('((')))} && ${this.use(this.nested(ctx, 'recovered'))}`],
    ];
    if (!leaf) {
      options.push(
        [2, () => this.functionDef(ctx)],
        [1, () => `{ ${this.block(this.nested(ctx, 'group'), 1, 3)}\n}`],
        [1, () => `( ${this.block(this.nested(ctx, 'subshell'), 1, 3)}\n)`],
        [1, () => `if ${this.pick(['true', 'false'])}; then\n${this.block(this.nested(ctx, 'if'), 1, 2)}\nfi`],
        [1, () => `for i in 1 2; do\n${this.block(this.nested(ctx, 'loop'), 1, 3)}\ndone`],
        [1, () => `true | ${this.def(this.nested(ctx, 'pipeline'))}`],
        [1, () => `${this.def(ctx)} &\nwait`],
      );
      if (!ctx.backtick) {
        options.push([2, () => {
          const body = this.block(this.nested(ctx, 'comsub', { substitution: true }), 1, 3);
          // `$((` would open arithmetic in most shells: `$( (` is the portable way
          return `echo "C:$(${body.startsWith('(') ? ' ' : ''}${body})"`;
        }]);
        options.push([1, () => `echo "B:\`${this.block(this.nested(ctx, 'backtick', { backtick: true, substitution: true }), 1, 2)}\`"`]);
      }
      if (!ctx.evalString && !ctx.backtick) {
        options.push([1, () => `eval '${this.block(this.nested(ctx, 'eval', { evalString: true }), 1, 3)}'`]);
        options.push([1, () => this.source(ctx)]);
      }
      if (!ctx.substitution && !ctx.backtick && !ctx.evalString) {
        options.push([1, () => `cat <<E\nH:$(${this.use(this.nested(ctx, 'heredoc'))})\nE`]);
      }
    }
    const total = options.reduce((s, [w]) => s + w, 0);
    let r = this.rand() * total;
    for (const [w, f] of options) {
      if ((r -= w) < 0) return f();
    }
    return this.use(ctx);
  }

  private functionDef(ctx: Ctx): string {
    const name = `f${++this.fn}`;
    const body = this.block(this.nested(ctx, 'function'), 1, 3);
    this.functions.push(name);
    return `${name}() {\n${body}\n}`;
  }

  private source(ctx: Ctx): string {
    const name = `inc${++this.inc}.sh`;
    this.files[name] = `${this.block(this.nested(ctx, 'source'), 1, 3)}\n`;
    return `. ./${name}`;
  }

  script(bash: boolean): GeneratedScript {
    const main = this.block({ depth: 0, backtick: false, evalString: false, substitution: false, path: [], bash }, 4, 9);
    return { files: { 'main.sh': `${main}\n`, ...this.files }, constructs: this.constructs };
  }
}

export function generate(seed: number, bash: boolean): GeneratedScript {
  return new ScriptGenerator(rng(seed)).script(bash);
}
