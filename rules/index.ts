// The public API of the analysis core. Pure: text in, diagnostics and edits out.
export { lint, lintSourced, fixAll, vetFix, LineIndex } from './lint';
export type { LintOptions, LintResult, SourcedResult } from './lint';
export { applyFixes } from './fixes';
export { detectDialect, DIALECTS, DIALECT_IDS, dialectByName, dialectLabel } from './dialects';
export type { Dialect, DialectId, DialectChoice } from './dialects';
export { parse, reparse, errorCount } from './parse';
export type { Tree, TextChange, SyntaxNode } from './parse';
export { analyze, inDocument, argumentsAreInert, isInertStatement, isStatementType, mayDefineAlias, sourcedPaths, Tri, UNDEF, REMOVED, UNKNOWN, isDefinition, isUnknown, isAbsent, unknownIndex } from './engine';
export type { Analysis, AliasDef, Use, UseRun, Resolution, SourceResolver, Names, UnknownCode, Unalias, AliasValue } from './engine';
export { RULES, RULES_BY_ID } from './checks';
export type { Diagnostic, FileFacts, Fix, TextEdit, Rule, RuleMeta, Severity, Related } from './rule';
export { SCRIPT_DIR } from './source-path';
