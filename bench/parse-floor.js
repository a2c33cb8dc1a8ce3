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

// lint() parses only the texts alias text can reach (the command line parses a
// file with a directive too, when the directive can be reported): count them.
let current;
let parsedFiles = 0;
const parse = Parser.prototype.parse;
Parser.prototype.parse = function counted(input, ...rest) {
  if (input === current) {
    parsedFiles++;
    current = undefined;
  }
  return parse.call(this, input, ...rest);
};
const { lint } = require('../out/rules');
require('../out/rules/parse').useParser(require('../out/rules/native').nativeParser());
start = process.cpuUsage();
for (const f of files) lint((current = readFileSync(f, 'utf8')), { filename: f });
const lintSeconds = cpu(start);

process.stdout.write(JSON.stringify({ files: files.length, cpuSeconds: parseSeconds, lintSeconds, parsedFiles }));
