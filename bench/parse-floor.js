// The floors under the CLI, in one process, for the files named on standard
// input (NUL-separated): reading and parsing with the same native tree-sitter
// binding and nothing else; then rules/'s lint() on each file (parse and
// analysis, no CLI). Prints JSON with the CPU seconds of each, and how many
// files lint() parsed.
'use strict';
const { readFileSync } = require('fs');
const Parser = require('tree-sitter');
const Bash = require('tree-sitter-bash');

const files = readFileSync(0, 'utf8').split('\0').filter(Boolean);
const cpu = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

const parser = new Parser();
parser.setLanguage(Bash);
let start = process.cpuUsage();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  parser.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 2 + 1024) });
}
const parseSeconds = cpu(start);

const { lint } = require('../out/rules');
const { reachesAliasText } = require('../out/rules/engine');
let parsedFiles = 0;
start = process.cpuUsage();
for (const f of files) lint(readFileSync(f, 'utf8'), { filename: f });
const lintSeconds = cpu(start);
// lint() parses only the texts alias text can reach (the command line parses a
// file with a directive too, when the directive can be reported).
for (const f of files) if (reachesAliasText(readFileSync(f, 'utf8'), undefined)) parsedFiles++;

process.stdout.write(JSON.stringify({ files: files.length, cpuSeconds: parseSeconds, lintSeconds, parsedFiles }));
