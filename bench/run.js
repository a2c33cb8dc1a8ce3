#!/usr/bin/env node
// `npm run bench`: builds (or reuses) the Debian corpus, then measures in one
// run aliascope with 1 worker and with every core, ShellCheck on the same files
// with the same core count, the parse-only floor, and Node's own start-up;
// then, for comparison, the same files made to define an alias each.
//   node bench/run.js [--no-install] [--shellcheck-sample N] [--repeat N]
'use strict';
const { spawnSync } = require('child_process');
const { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } = require('fs');
const { availableParallelism, tmpdir } = require('os');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'aliascope.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i === -1 ? dflt : Number(args[i + 1]);
};
const cores = availableParallelism();
const repeat = opt('--repeat', 11);
const sample = opt('--shellcheck-sample', 0);

function sh(cmd, argv, input) {
  const r = spawnSync(cmd, argv, { input, maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

/**
 * The wall time bash measured around the command and bash's `times` line for
 * its children: to the microsecond and the millisecond (GNU time's own are in
 * hundredths, too coarse for runs of a tenth of a second).
 */
const CHILD_TIMES = /\n@@T (\d+)\.(\d+) (\d+)\.(\d+)\n.*\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s\n/;
/** Runs the command, then prints the times on a line of their own, with a decimal point whatever the locale. */
const TIMED = 't0=$EPOCHREALTIME; "$@"; s=$?; t1=$EPOCHREALTIME; LC_ALL=C; printf \'\\n@@T %s %s\\n\' "${t0/,/.}" "${t1/,/.}" >&2; times >&2; exit $s';

/** Peak RSS of a command from GNU time; its wall time and CPU from bash. */
function measure(argv, input) {
  const r = sh('/usr/bin/time', ['-f', '@@RSS %M', 'bash', '-c', TIMED, 'measure', ...argv], input);
  const rss = /@@RSS (\d+)/.exec(r.stderr);
  const t = CHILD_TIMES.exec(r.stderr);
  if (!rss || !t) throw new Error(`no timing for ${argv.join(' ')}: ${r.stderr.slice(-500)}`);
  const seconds = (whole, fraction) => Number(`${whole}.${fraction}`);
  const wall = seconds(t[3], t[4]) - seconds(t[1], t[2]);
  const cpu = Number(t[5]) * 60 + Number(t[6]) + Number(t[7]) * 60 + Number(t[8]);
  const stderr = r.stderr.slice(0, r.stderr.lastIndexOf('\n@@T '));
  return { wall, cpu, rssMB: Number(rss[1]) / 1024, status: r.status, stdout: r.stdout, stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
function medianOf(n, argv) {
  const runs = Array.from({ length: n }, () => measure(argv));
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), rssMB: median(runs.map((r) => r.rssMB)) };
}

// 1. The corpus.
const corpus = sh('bash', [join(__dirname, 'corpus.sh'), ...(args.includes('--no-install') ? ['--no-install'] : [])]);
process.stderr.write(corpus.stderr);
if (corpus.status !== 0) process.exit(corpus.status ?? 2);
const dir = corpus.stdout.trim().split('\n').pop();
const files = readdirSync(dir).sort().map((f) => join(dir, f));
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
const MB = bytes / 1e6;
console.log(`corpus: ${files.length} files, ${MB.toFixed(2)} MB in ${dir}; ${cores} cores`);

// ShellCheck, which the ratios compare with: installed as the corpus's packages are.
const hasShellcheck = () => spawnSync('shellcheck', ['--version']).status === 0;
if (!hasShellcheck() && !args.includes('--no-install')) {
  console.error('installing: shellcheck');
  spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', '--no-install-recommends', 'shellcheck'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
if (!hasShellcheck()) {
  console.error('npm run bench compares aliascope with ShellCheck, which is not installed: apt-get install shellcheck');
  process.exit(2);
}

// 2. Node start-up and one small file as whole processes.
const small = join(mkdtempSync(join(tmpdir(), 'aliascope-bench-')), 'small.sh');
writeFileSync(small, "#!/bin/bash\nshopt -s expand_aliases\nalias ll='ls -l'\nll /tmp\n");
const nodeStart = medianOf(repeat, ['node', '-e', '0']);
const smallRun = medianOf(repeat, ['node', BIN, small]);
rmSync(join(small, '..'), { recursive: true });

// 3. The parse-only floor, in-process: the least of three runs, as for aliascope's rows below,
// since a single run on a shared machine can be off by half.
const floorOf = (list) => {
  const runs = [0, 1, 2].map(() => JSON.parse(sh('node', [join(__dirname, 'parse-floor.js')], list.join('\0')).stdout));
  return { ...runs[0], cpuSeconds: Math.min(...runs.map((r) => r.cpuSeconds)), lintSeconds: Math.min(...runs.map((r) => r.lintSeconds)) };
};
const floor = floorOf(files);

// 4. aliascope on every file: one worker, then every core, alternating; on a
// shared machine the fastest of three runs is the one least disturbed.
const lintRun = (n) => {
  // The files by name, as ShellCheck and the floor get them: a folder walk would skip completion files, which have no shebang.
  const r = measure(['node', BIN, '--concurrency', String(n), '--format', 'json', '--no-ignore', ...files]);
  if (r.status === 2) process.stderr.write(`aliascope --concurrency ${n} exited 2:\n${r.stderr.slice(0, 2000)}\n`);
  return r;
};
const runsOne = [];
const runsAll = [];
for (let i = 0; i < 3; i++) {
  runsOne.push(lintRun(1));
  runsAll.push(lintRun(cores));
}
const best = (runs) => ({
  wall: Math.min(...runs.map((r) => r.wall)), cpu: Math.min(...runs.map((r) => r.cpu)),
  rssMB: Math.max(...runs.map((r) => r.rssMB)), stdout: runs[0].stdout,
});
const one = best(runsOne);
const all = best(runsAll);
const problems = JSON.parse(all.stdout).reduce((n, f) => n + f.messages.length, 0);

// 4a. The bash-completion files alone: many small files, almost none of which
// defines an alias, where a worker thread has the least to gain. `auto` must
// never be slower than `off`, and ShellCheck is measured on the same files.
const completion = files.filter((f) => f.slice(f.lastIndexOf('/') + 1).startsWith('usr__share__bash-completion__'));
const compRun = (c) => measure(['node', BIN, '--concurrency', c, '--format', 'json', '--no-ignore', ...completion]);
const compOff = [];
const compAuto = [];
/** Each run takes a tenth of a second: enough of them that the fastest of each is not one lucky draw. */
const COMPLETION_RUNS = 11;
for (let i = 0; i < COMPLETION_RUNS && completion.length; i++) {
  compOff.push(compRun('off'));
  compAuto.push(compRun('auto'));
}
const cOff = completion.length ? best(compOff) : undefined;
const cAuto = completion.length ? best(compAuto) : undefined;
const cSc = completion.length ? measure(['xargs', '-0', '-P', String(cores), '-n', '16', 'shellcheck', '-f', 'gcc'], completion.join('\0')) : undefined;

// 4b. The same files with an alias defined at the end of each: every file is
// parsed and modelled, as in a code base that uses aliases everywhere.
const stressDir = mkdtempSync(join(tmpdir(), 'aliascope-bench-all-'));
const stressFiles = files.map((f, i) => {
  const copy = join(stressDir, `${String(i).padStart(5, '0')}-${f.slice(f.lastIndexOf('/') + 1)}`);
  writeFileSync(copy, Buffer.concat([readFileSync(f), Buffer.from("\nalias aliascope_bench='true'\n")]));
  return copy;
});
const stressFloor = floorOf(stressFiles);
const stressRun = (n) => measure(['node', BIN, '--concurrency', String(n), '--format', 'json', '--no-ignore', ...stressFiles]);
const stressOne = [];
const stressAll = [];
for (let i = 0; i < 3; i++) {
  stressOne.push(stressRun(1));
  stressAll.push(stressRun(cores));
}
const sOne = best(stressOne);
const sAll = best(stressAll);
rmSync(stressDir, { recursive: true });

// 5. ShellCheck, the same files over the same number of processes at a time.
let scFiles = files;
if (sample > 0 && sample < files.length) {
  const step = files.length / sample;
  scFiles = Array.from({ length: sample }, (_, i) => files[Math.floor(i * step)]);
}
const scBytes = scFiles.reduce((n, f) => n + statSync(f).size, 0);
const sc = measure(['xargs', '-0', '-P', String(cores), '-n', '16', 'shellcheck', '-f', 'gcc'], scFiles.join('\0'));
// ShellCheck's time grows with bytes, so a sample scales by bytes.
const scale = bytes / scBytes;
const scWall = sc.wall * scale;
const scCpu = sc.cpu * scale;

// 6. The table.
const row = (name, wall, cpu, rss, note = '') =>
  `${name.padEnd(34)} ${wall.toFixed(2).padStart(9)} ${(files.length / wall).toFixed(1).padStart(9)} ${(MB / wall).toFixed(3).padStart(8)} ${cpu.toFixed(2).padStart(8)} ${rss.toFixed(0).padStart(8)}  ${note}`;
console.log(`\naliascope rows: fastest wall and lowest CPU of 3 runs each, highest peak RSS; startup rows: median of ${repeat}.`);
console.log(`${'run'.padEnd(34)} ${'wall s'.padStart(9)} ${'files/s'.padStart(9)} ${'MB/s'.padStart(8)} ${'CPU s'.padStart(8)} ${'peak MB'.padStart(8)}`);
console.log(row('aliascope, 1 worker', one.wall, one.cpu, one.rssMB, `${problems} problems`));
console.log(row(`aliascope, ${cores} workers`, all.wall, all.cpu, all.rssMB));
console.log(row(`shellcheck, ${cores} processes`, scWall, scCpu, sc.rssMB,
  scale > 1.0001 ? `extrapolated ×${scale.toFixed(1)} by bytes from ${scFiles.length} sampled files (${sc.wall.toFixed(1)} s measured)` : 'every file; peak is the largest single process'));
console.log(`${'parse-only floor (in-process)'.padEnd(34)} ${''.padStart(9)} ${''.padStart(9)} ${(MB / floor.cpuSeconds).toFixed(3).padStart(8)} ${floor.cpuSeconds.toFixed(2).padStart(8)}`);
console.log(`${'rules/ lint() alone (in-process)'.padEnd(34)} ${''.padStart(9)} ${''.padStart(9)} ${(MB / floor.lintSeconds).toFixed(3).padStart(8)} ${floor.lintSeconds.toFixed(2).padStart(8)}  parse + analysis, no CLI`);
console.log(`${'node -e 0 (median)'.padEnd(34)} ${nodeStart.wall.toFixed(3).padStart(9)} ${''.padStart(9)} ${''.padStart(8)} ${nodeStart.cpu.toFixed(2).padStart(8)} ${nodeStart.rssMB.toFixed(0).padStart(8)}`);
console.log(`${'aliascope, one small file (median)'.padEnd(34)} ${smallRun.wall.toFixed(3).padStart(9)} ${''.padStart(9)} ${''.padStart(8)} ${smallRun.cpu.toFixed(2).padStart(8)} ${smallRun.rssMB.toFixed(0).padStart(8)}`);

const targets = [
  ['faster than ShellCheck (wall, all cores)', scWall / all.wall, '>=', 50],
  ['total CPU / (node start-up + parse floor)', all.cpu / (nodeStart.cpu + floor.cpuSeconds), '<=', 1.3],
  [`${cores} workers vs 1 worker (wall speed-up)`, one.wall / all.wall, '>=', 1.6],
  ['peak RSS, MB (either aliascope run)', Math.max(one.rssMB, all.rssMB), '<=', 300],
  ['one small file / node -e 0 (wall)', smallRun.wall / nodeStart.wall, '<=', 1.5],
];
console.log(`\n${'ratio'.padEnd(44)} ${'value'.padStart(9)}  target   met`);
let missed = 0;
for (const [name, value, op, target] of targets) {
  const ok = op === '>=' ? value >= target : value <= target;
  if (!ok) missed++;
  console.log(`${name.padEnd(44)} ${value.toFixed(2).padStart(9)}  ${op} ${String(target).padEnd(5)} ${ok ? 'yes' : 'NO'}`);
}
if (missed) console.log(`\n${missed} target(s) missed.`);
console.log(`\nWhere the CPU goes: lint() parses only the ${floor.parsedFiles} of ${files.length} files that alias text can reach `
  + `(the command line also parses a file whose aliascope directive may need reporting), so lint() in-process takes `
  + `${floor.lintSeconds.toFixed(2)} s against the ${floor.cpuSeconds.toFixed(2)} s parse floor; `
  + `the CLI around it (start-up, workers, reading, reports) ${(all.cpu - floor.lintSeconds).toFixed(2)} s.`);

// A run of one small file is start-up, loading and writing a report: work no
// number of threads shortens. Only the rest of the 1-worker run can be divided.
const fixed = smallRun.wall;
const divisible = Math.max(0, one.wall - fixed);
console.log(`\nThe most ${cores} threads could give: a run of one small file takes ${fixed.toFixed(2)} s, which no number of threads shortens. `
  + `Were the other ${divisible.toFixed(2)} s of the 1-worker run divided perfectly, with no thread costing anything to start, `
  + `${cores} workers would be ${(one.wall / (fixed + divisible / cores)).toFixed(2)}× faster than 1.`);
if (cOff && cAuto && cSc) {
  const cMB = completion.reduce((n, f) => n + statSync(f).size, 0) / 1e6;
  const crow = (name, r) => `${name.padEnd(34)} ${r.wall.toFixed(3).padStart(9)} ${(completion.length / r.wall).toFixed(1).padStart(9)} ${(cMB / r.wall).toFixed(3).padStart(8)} ${r.cpu.toFixed(3).padStart(8)} ${r.rssMB.toFixed(0).padStart(8)}`;
  console.log(`\nThe ${completion.length} bash-completion files (${cMB.toFixed(2)} MB); aliascope: fastest wall and lowest CPU of ${COMPLETION_RUNS} runs each, alternating:`);
  console.log(crow('aliascope --concurrency off', cOff));
  console.log(crow('aliascope --concurrency auto', cAuto));
  console.log(crow(`shellcheck, ${cores} processes`, cSc));
  const cTargets = [
    ['auto / off, wall', cAuto.wall / cOff.wall, '<=', 1],
    ['auto / off, CPU', cAuto.cpu / cOff.cpu, '<=', 1],
    ['less CPU than ShellCheck (auto)', cSc.cpu / cAuto.cpu, '>=', 50],
  ];
  for (const [name, value, op, target] of cTargets) {
    const ok = op === '>=' ? value >= target : value <= target;
    console.log(`${name.padEnd(44)} ${value.toFixed(2).padStart(9)}  ${op} ${String(target).padEnd(5)} ${ok ? 'yes' : 'NO'}`);
  }
}
// Every file modelled: the whole CLI may cost at most this many times the bare parse.
const STRESS_TARGET = 2;
console.log(`\nThe same files, each with an alias defined at its end, so that every file is parsed and modelled:`);
console.log(row('aliascope, 1 worker', sOne.wall, sOne.cpu, sOne.rssMB));
console.log(row(`aliascope, ${cores} workers`, sAll.wall, sAll.cpu, sAll.rssMB));
console.log(`${'parse-only floor (in-process)'.padEnd(34)} ${''.padStart(9)} ${''.padStart(9)} ${(MB / stressFloor.cpuSeconds).toFixed(3).padStart(8)} ${stressFloor.cpuSeconds.toFixed(2).padStart(8)}`);
const stressRatio = sAll.cpu / (nodeStart.cpu + stressFloor.cpuSeconds);
console.log(`total CPU / (node start-up + parse floor) ${stressRatio.toFixed(2)} (target <= ${STRESS_TARGET}: ${stressRatio <= STRESS_TARGET ? 'met' : 'NOT met'}); `
  + `rules/ lint() in-process / parse floor ${(stressFloor.lintSeconds / stressFloor.cpuSeconds).toFixed(2)}; `
  + `${cores} workers vs 1 worker ${(sOne.wall / sAll.wall).toFixed(2)}; rules/ lint() in-process ${stressFloor.lintSeconds.toFixed(2)} s.`);
