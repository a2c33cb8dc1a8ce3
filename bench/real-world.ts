// `npm run real-world`: lints the scripts of bench/real-aliases.json, collected
// by `npm run real-world:collect`, as the command line does (files keep the exec
// bit git records; `source` is followed beside each script; a test runner's
// shell recorded in the manifest is passed as --shell) and prints every finding
// and the count per rule. docs/real-world.md triages each one.
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join, relative } from 'path';
import { cached, cacheDir, entries, Entry } from './real-world/manifest';

const BIN = join(__dirname, '..', 'bin', 'aliascope.js');
const linted = entries().filter((e) => e.role === 'linted');
const absent = linted.filter((e) => !existsSync(cached(e)));
if (absent.length) {
  console.error(`${absent.length} of ${linted.length} scripts are not in ${cacheDir()}: run npm run real-world:collect -- MIRRORS first`);
  process.exit(2);
}

interface Message { ruleId: string; line: number; column: number; message: string }
const groups = new Map<string, Entry[]>();
for (const e of linted) groups.set(e.shell ?? '', [...(groups.get(e.shell ?? '') ?? []), e]);
const findings: { file: string; m: Message }[] = [];
for (const [shell, group] of groups) {
  const r = spawnSync('node', [BIN, '--format', 'json', '--no-ignore', '-P', 'SCRIPTDIR', ...(shell ? ['--shell', shell] : []), ...group.map(cached)],
    { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status === 2) {
    console.error(r.stderr);
    process.exit(2);
  }
  for (const f of JSON.parse(r.stdout) as { filePath: string; messages: Message[] }[]) {
    for (const m of f.messages) findings.push({ file: relative(cacheDir(), f.filePath), m });
  }
}
findings.sort((a, b) => a.file.localeCompare(b.file) || a.m.line - b.m.line || a.m.column - b.m.column);
for (const { file, m } of findings) console.log(`${file}:${m.line}:${m.column}  ${m.ruleId}  ${m.message}`);
const perRule = new Map<string, number>();
for (const { m } of findings) perRule.set(m.ruleId, (perRule.get(m.ruleId) ?? 0) + 1);
console.log(`\n${linted.length} scripts from ${new Set(linted.map((e) => e.repo)).size} projects (${linted.filter((e) => e.executable).length} executable): ${findings.length} findings`);
for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(6)}  ${rule}`);
