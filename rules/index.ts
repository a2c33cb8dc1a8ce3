// The public API of the analysis core. Pure: text in, diagnostics and edits out.
export { lint, fixAll, vetFix, LineIndex } from './lint';
export type { LintOptions, LintResult } from './lint';
export { applyFixes } from './fixes';
export { detectDialect, DIALECTS, DIALECT_IDS, dialectByName } from './dialects';
export type { Dialect, DialectId, DialectChoice } from './dialects';
export { parse, reparse, errorCount } from './parse';
export type { Tree, TextChange, SyntaxNode } from './parse';
export { analyze, argumentsAreInert, isInertStatement, isStatementType, mayDefineAlias } from './engine';
export type { Analysis, AliasDef, Use, Resolution, SourceResolver, Names } from './engine';
export { RULES, RULES_BY_ID } from './checks';
export type { Diagnostic, Fix, TextEdit, Rule, RuleMeta, Severity, Related } from './rule';
