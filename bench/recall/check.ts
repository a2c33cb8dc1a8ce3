// One planted file through aliascope as the command line lints it, and, for a
// miss, what in the file kept the engine from the verdict.
import { spawnSync } from 'child_process';
import { dirname } from 'path';
import { sourceResolver } from '../../host/sources';
import { applyDirectives } from '../../rules/directives';
import { nativeParser } from '../../rules/native';
import { useParser } from '../../rules/parse';
import { Analysis, DialectId, errorCount, LineIndex, lint, RULES, SourceResolver } from '../../rules';

// The bench runs on the native parser, as the command line does where it loads.
useParser(nativeParser());

const RULE_METAS = RULES.map((r) => r.meta);

export interface Finding { ruleId: string; line: number; column: number }

/** `source` targets as the command line finds them, from the script's original place on this machine; `files` first. */
export function resolverFor(original: string, files: Record<string, string> = {}): SourceResolver {
  const onDisk = sourceResolver({ docPath: original, cwd: dirname(original), sourcePaths: [] });
  return (path, from) => (path in files ? { text: files[path], name: path } : onDisk(path, from));
}

export function lintText(text: string, filename: string, resolveSource?: SourceResolver): { findings: Finding[]; analysis: Analysis } {
  const result = lint(text, { filename, resolveSource });
  const { kept } = applyDirectives(text, () => result.analysis.tree, result.diagnostics, RULE_METAS);
  const lines = new LineIndex(text);
  const findings = kept.map((d) => ({ ruleId: d.ruleId, ...lines.position(d.start) }));
  return { findings, analysis: result.analysis };
}

/** The shells that must accept the text: bash always, dash too for sh scripts. */
export function valid(text: string, dialect: DialectId): boolean {
  const shells = dialect === 'sh' ? ['bash', 'dash'] : ['bash'];
  return shells.every((sh) => spawnSync(sh, ['-n'], { input: text, timeout: 10_000 }).status === 0);
}

/** Why a planted use went unreported, as a short class name. */
export function missClass(analysis: Analysis, text: string, at: { line: number; column: number }, findings: Finding[], rule: string): string {
  const offset = new LineIndex(text).offset(at.line, at.column);
  const other = findings.find((f) => f.line === at.line && f.column === at.column);
  if (other) return `reported as ${other.ruleId}, not ${rule}`;
  if (analysis.aborted) return 'analysis over budget';
  const use = analysis.uses.find((u) => u.file === analysis.file && u.start === offset);
  const parts: string[] = [];
  if (errorCount(analysis.tree) > 0) parts.push('parse errors');
  if (!use) parts.push('use not recorded');
  else if (use.uncertain) parts.push('use in text the parser may have got wrong');
  const before = [...new Set(analysis.unknowns.filter((u) => u.file !== analysis.file || u.start < offset).map((u) => u.what))].sort();
  if (before.length) parts.push(`unknown code before the use (${before.join(', ')})`);
  return parts.length ? parts.join('; ') : 'other';
}
