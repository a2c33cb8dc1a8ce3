// `npm run bench:recall`: plants each kind of alias bug (bench/recall/kinds.ts)
// into every sh and bash script of the Debian corpus that bench/corpus.sh
// builds, at a place the code reaches, and prints per kind how many planted
// uses aliascope reports under the right rule at the right line and column,
// beside ShellCheck; then the findings on the unplanted corpus, which must be 0.
// Misses go to recall-misses.json beside the corpus, one reduced example per class.
//   tsx bench/recall.ts [--shellcheck-sample N] [--no-reduce] [--kinds ID,ID…]
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { detectDialect, DialectId } from '../rules';
import { lintText, missClass, resolverFor, valid } from './recall/check';
import { Kind, KINDS } from './recall/kinds';
import { plant, Place } from './recall/plant';
import { reduceLines } from './recall/reduce';
import { shellcheckAliasFindings, shellcheckVersion } from './recall/shellcheck';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i === -1 ? dflt : Number(args[i + 1]);
};
const sample = opt('--shellcheck-sample', 0);
const kindsArg = args.indexOf('--kinds');
const chosen = kindsArg === -1 ? KINDS : KINDS.filter((k) => args[kindsArg + 1]?.split(',').includes(k.id));
if (chosen.length === 0) {
  console.error(`--kinds: none of ${KINDS.map((k) => k.id).join(', ')}`);
  process.exit(2);
}
const TARGET = 0.99;

function corpusDir(): string {
  const dir = process.env.CORPUS_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? tmpdir(), '.cache'), 'aliascope', 'corpus');
  if (existsSync(dir) && readdirSync(dir).length > 0) return dir;
  const r = spawnSync('bash', [join(__dirname, 'corpus.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CORPUS_DIR: dir } });
  if (r.status !== 0) process.exit(r.status ?? 2);
  return dir;
}

interface Script { name: string; original: string; text: string; dialect: DialectId }
interface Miss { kind: string; rule: string; file: string; corpusFile: string; place: Place; line: number; column: number; class: string; reported: string[] }

const dir = corpusDir();
const names = readdirSync(dir).sort();
// corpus.sh flattens /usr/bin/x to usr__bin__x.
const originalPath = (name: string) => '/' + name.replace(/__/g, '/');

// 1. The unplanted corpus: every file, whatever its dialect.
let unplanted = 0;
const unplantedFiles: string[] = [];
const scripts: Script[] = [];
for (const name of names) {
  const text = readFileSync(join(dir, name), 'latin1');
  const utf8 = readFileSync(join(dir, name), 'utf8');
  const body = utf8.includes('\ufffd') ? text : utf8;
  if (body.includes('\0')) continue;
  const { findings } = lintText(body, originalPath(name));
  if (findings.length) {
    unplanted += findings.length;
    unplantedFiles.push(name);
  }
  const dialect = detectDialect(body, originalPath(name)).dialect.id;
  if ((dialect === 'bash' || dialect === 'sh') && valid(body, dialect)) scripts.push({ name, original: originalPath(name), text: body, dialect });
}
console.log(`corpus: ${names.length} files in ${dir}; ${scripts.length} sh and bash scripts valid for bash -n (sh: dash -n too)`);

// 2. Plant, lint, and keep the planted texts for ShellCheck.
const work = mkdtempSync(join(tmpdir(), 'aliascope-recall-'));
const scVersion = shellcheckVersion();
const step = sample > 0 && sample < scripts.length ? scripts.length / sample : 1;
const scPick = new Set(Array.from({ length: Math.min(scripts.length, sample > 0 ? sample : scripts.length) }, (_, i) => Math.floor(i * step)));

interface Row { kind: Kind; planted: number; invalid: number; found: number; resolvable: number; resolvableFound: number; sc: { path: string; shell: 'bash' | 'sh'; at: string }[] }
const rows: Row[] = [];
const misses: Miss[] = [];
for (const kind of chosen) {
  const row: Row = { kind, planted: 0, invalid: 0, found: 0, resolvable: 0, resolvableFound: 0, sc: [] };
  scripts.forEach((s, index) => {
    if (!kind.applies(s.dialect, s.text)) return;
    const p = plant(s.text, kind.lines(s.dialect));
    if (!valid(p.text, s.dialect)) {
      row.invalid++;
      return;
    }
    row.planted++;
    const u = kind.use(s.dialect);
    const at = { line: p.line + u.row, column: u.column };
    const { findings, analysis } = lintText(p.text, s.original, resolverFor(s.original, kind.files));
    const hit = findings.some((f) => f.ruleId === kind.rule && f.line === at.line && f.column === at.column);
    if (hit) row.found++;
    if (analysis.unresolvedSources.length === 0) {
      row.resolvable++;
      if (hit) row.resolvableFound++;
    }
    if (!hit) {
      misses.push({
        kind: kind.id, rule: kind.rule, file: s.original, corpusFile: s.name, place: p.place, line: at.line + 1, column: at.column + 1,
        class: missClass(analysis, p.text, at, findings, kind.rule),
        reported: findings.filter((f) => f.line >= p.line && f.line < p.line + kind.lines(s.dialect).length).map((f) => `${f.ruleId}@${f.line + 1}:${f.column + 1}`),
      });
    }
    if (scVersion && scPick.has(index)) {
      const path = join(work, `${kind.id}--${s.name}`);
      writeFileSync(path, p.text);
      row.sc.push({ path, shell: s.dialect === 'sh' ? 'sh' : 'bash', at: `${at.line + 1}:${at.column + 1}` });
    }
  });
  rows.push(row);
  process.stderr.write(`${kind.id}: ${row.found}/${row.planted}\n`);
}

// 3. ShellCheck on the sampled planted files.
void (async () => {
  const scFound = scVersion ? await shellcheckAliasFindings(rows.flatMap((r) => r.sc)) : new Set<string>();
  rmSync(work, { recursive: true });

  // 4. One reduced example per class of miss: the smallest file of the class, cut down while it stays in the class.
  const classes = new Map<string, Miss[]>();
  for (const m of misses) classes.set(`${m.kind}: ${m.class}`, [...(classes.get(`${m.kind}: ${m.class}`) ?? []), m]);
  const examples: { class: string; count: number; example: string; from: string }[] = [];
  if (!args.includes('--no-reduce')) {
    for (const [key, ms] of [...classes].sort((a, b) => b[1].length - a[1].length)) {
      const byName = new Map(scripts.map((s) => [s.name, s]));
      const seed = ms.map((m) => byName.get(m.corpusFile)!).sort((a, b) => a.text.length - b.text.length)[0];
      const kind = KINDS.find((k) => k.id === ms[0].kind)!;
      const stillMisses = (text: string) => {
        const p = plant(text, kind.lines(seed.dialect));
        if (!valid(p.text, seed.dialect)) return false;
        const u = kind.use(seed.dialect);
        const at = { line: p.line + u.row, column: u.column };
        const { findings, analysis } = lintText(p.text, seed.original, resolverFor(seed.original, kind.files));
        if (findings.some((f) => f.ruleId === kind.rule && f.line === at.line && f.column === at.column)) return false;
        return `${kind.id}: ${missClass(analysis, p.text, at, findings, kind.rule)}` === key;
      };
      const reduced = reduceLines(seed.text, stillMisses);
      examples.push({ class: key, count: ms.length, from: seed.original, example: plant(reduced, kind.lines(seed.dialect)).text });
    }
  }
  const missesFile = join(dirname(dir), 'recall-misses.json');
  writeFileSync(missesFile, JSON.stringify({ classes: examples, misses }, null, 1));

  // 5. The table.
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');
  console.log(`\n${'planted bug'.padEnd(28)} ${'rule'.padEnd(28)} ${'planted'.padStart(7)} ${'aliascope'.padStart(9)} ${scVersion ? `ShellCheck ${scVersion}`.padStart(17) : ''}  target`);
  let missed = 0;
  for (const r of rows) {
    const rate = r.planted ? r.found / r.planted : 1;
    const scHits = r.sc.filter((x) => scFound.has(`${x.path}:${x.at}`)).length;
    // expand-aliases-off's target is on the files whose sources all resolve (the row below):
    // a source aliascope cannot read may have run `shopt -s expand_aliases`
    const verdict = r.kind.id === 'expand-aliases-off' ? 'target below' : rate >= TARGET ? 'met' : 'NOT met';
    if (verdict === 'NOT met') missed++;
    console.log(`${r.kind.id.padEnd(28)} ${r.kind.rule.padEnd(28)} ${String(r.planted).padStart(7)} ${pct(r.found, r.planted).padStart(9)} ${scVersion ? `${pct(scHits, r.sc.length)} of ${r.sc.length}`.padStart(17) : ''}  ${verdict}${r.invalid ? `  (${r.invalid} not planted: the shell rejected the result)` : ''}`);
  }
  const eao = rows.find((r) => r.kind.id === 'expand-aliases-off');
  if (eao) {
    const ok = eao.resolvable === 0 || eao.resolvableFound / eao.resolvable >= TARGET;
    if (!ok) missed++;
    console.log(`${'  … where every source resolves'.padEnd(57)} ${String(eao.resolvable).padStart(7)} ${pct(eao.resolvableFound, eao.resolvable).padStart(9)} ${scVersion ? ''.padStart(17) : ''}  ${ok ? 'met' : 'NOT met'}`);
  }
  if (!scVersion) console.log('(ShellCheck is not installed: its column is left out; apt-get install shellcheck)');
  else if (step > 1) console.log(`ShellCheck: every ${step.toFixed(1)}th script (--shellcheck-sample ${sample}); a hit is SC2263 at the planted use.`);
  else console.log('ShellCheck: a hit is SC2263 (or SC2262) at the planted use.');
  console.log(`\nfindings on the unplanted corpus: ${unplanted}${unplanted ? ` (in ${unplantedFiles.slice(0, 10).join(', ')})` : ''}  target 0  ${unplanted ? 'NOT met' : 'met'}`);
  console.log(`misses: ${misses.length} in ${classes.size} classes, written to ${missesFile}`);
  for (const e of examples.slice(0, 10)) console.log(`  ${String(e.count).padStart(5)}  ${e.class}`);
  if (unplanted) missed++;
  if (missed) console.log(`\n${missed} target(s) missed.`);
})();
