// `npm run coverage`: how much of real, bash-valid scripts the engine
// analyses, that is, lies outside parse units it had to distrust. Raw is the
// share outside tree-sitter's ERROR/MISSING nodes; recovered is after the
// segment cross-check and re-parse of each distrusted unit.
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { nativeParser } from '../rules/native';
import { parse, SyntaxNode, useParser } from '../rules/parse';
import { programUnits } from '../rules/units';

// Coverage is the grammar's: both parsers give the same trees (test/distribution).
useParser(nativeParser());

const dir = process.argv[2] ?? join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '.', '.cache'), 'aliascope', 'corpus');
if (!existsSync(dir)) {
  console.error(`no corpus at ${dir}: run bench/corpus.sh first (npm run bench builds it)`);
  process.exit(2);
}

function errorBytes(node: SyntaxNode): number {
  if (!node.hasError && !node.isMissing) return 0;
  if (node.type === 'ERROR' || node.isMissing) return node.endIndex - node.startIndex;
  return node.children.reduce((s, c) => s + errorBytes(c), 0);
}

let files = 0;
let skipped = 0;
let total = 0;
let raw = 0;
let recovered = 0;
const rows: { file: string; size: number; lost: number }[] = [];
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  const buf = readFileSync(path);
  try {
    if (buf.includes(0)) throw new Error('binary');
    execFileSync('bash', ['-O', 'extglob', '-n', path], { stdio: 'ignore' });
  } catch {
    skipped++;
    continue;
  }
  const text = buf.toString('utf8');
  const tree = parse(text);
  const units = programUnits(tree.rootNode, text, false);
  const lost = units.filter((u) => u.uncertain).reduce((s, u) => s + u.end - u.start, 0);
  files++;
  total += text.length;
  raw += text.length - errorBytes(tree.rootNode);
  recovered += text.length - lost;
  if (lost) rows.push({ file: name, size: text.length, lost });
}
const pct = (n: number) => `${((100 * n) / total).toFixed(2)}%`;
console.log(`corpus: ${dir}`);
console.log(`files: ${files} bash-valid (${skipped} skipped: binary or not valid for bash -O extglob -n), ${(total / 1e6).toFixed(2)} M characters`);
console.log(`raw (outside ERROR/MISSING nodes): ${pct(raw)}`);
console.log(`analysed after recovery:           ${pct(recovered)}   (goal 99.50%)`);
console.log('\nworst 20 files (characters not analysed / size):');
rows.sort((a, b) => b.lost - a.lost);
for (const r of rows.slice(0, 20)) console.log(`  ${String(r.lost).padStart(7)} / ${String(r.size).padEnd(7)} ${r.file}`);
