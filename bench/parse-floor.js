// The floor under any tree-sitter linter: read and parse the same files with
// the same native binding, in one process, nothing else. Prints JSON.
'use strict';
const { readFileSync } = require('fs');
const Parser = require('tree-sitter');
const Bash = require('tree-sitter-bash');

const files = readFileSync(0, 'utf8').split('\0').filter(Boolean);
const parser = new Parser();
parser.setLanguage(Bash);
const before = process.cpuUsage();
let bytes = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  bytes += text.length;
  parser.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 2 + 1024) });
}
const cpu = process.cpuUsage(before);
process.stdout.write(JSON.stringify({ files: files.length, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
