// The read-time model: reads each parse unit with the state the shell has at
// that moment, resolving every alias use in it, then runs the unit to update
// that state. See ARCHITECTURE.md for how the parts fit.
import { isInteractiveStartupFile } from '../dialects';
import type { SyntaxNode, Tree } from '../parse';
import { programUnits, Unit } from '../units';
import { AbortAnalysis, Budget, MAX_TOP_LEVEL_NODES } from './budget';
import { Catalogue } from './catalogue';
import { Discovery } from './discovery';
import { Gates } from './gates';
import { Reader } from './reader';
import { Runner } from './runner';
import { Source, State } from './state';
import { Texts } from './texts';
import type { Analysis, AnalyzeOptions } from './types';
import { Tri } from './values';
import { withSearchPaths } from '../source-path';

export type { AliasDef, Analysis, AnalyzeOptions, Clash, Names, Resolution, SourceResolver, SourceSite, Unalias, UnknownCode, Use, UseRun } from './types';
export { inDocument } from './types';
export { argumentsAreInert, isInertStatement, mayDefineAlias } from './gates';
export { roughWords, sourcedNames, sourcedPaths } from './rough-text';
export { isStatementType } from './reader';
export { Tri, UNDEF, REMOVED, UNKNOWN, isAbsent, isDefinition, isUnknown, unknownIndex } from './values';
export type { AliasValue } from './values';
export type { FunctionDef } from './state';
export { ParsedTexts } from './parsed-texts';

/** The document's file name when none is given. */
const DOCUMENT = '<input>';

/** The analysis of a text nothing can be modelled in: no findings, and a tree parsed only when asked for. */
function emptyAnalysis(text: string, opts: AnalyzeOptions, treeOf: () => Tree): Analysis {
  let tree: Tree | undefined;
  return {
    text, file: opts.filename ?? DOCUMENT, sources: new Map([[opts.filename ?? DOCUMENT, text]]), dialect: opts.dialect, units: [], aborted: false, unaliases: [], defs: [], uses: [], clashes: [],
    unknowns: [], unresolvedSources: [], sourceSites: [], unitsOf: () => undefined, called: () => false,
    names: { aliases: new Set(), functions: new Set() },
    get tree() {
      return (tree ??= treeOf());
    },
  };
}

/** bash's expand_aliases when the text starts to run. */
function initialExpandAliases(opts: AnalyzeOptions): Tri {
  if (isInteractiveStartupFile(opts.filename) || opts.dialect.startsInPosixMode) return Tri.Yes;
  // a file that is sourced inherits the option from a shell we do not see
  return opts.standalone ? Tri.No : Tri.Maybe;
}

/**
 * Runs the read-time model over a document, given its tree or a way to parse
 * it. With a way to parse it, a text that neither holds nor can source text
 * that may define an alias (most scripts) is not parsed at all, as nothing in
 * it can be modelled or reported.
 */
export function analyze(text: string, treeOrParse: Tree | (() => Tree), opts: AnalyzeOptions): Analysis {
  const parse = typeof treeOrParse === 'function' ? treeOrParse : () => treeOrParse;
  opts = { ...opts, resolveSource: withSearchPaths(opts.resolveSource, opts.filename ?? DOCUMENT, text) };
  const gates = new Gates(opts.exhaustive ?? false);
  if (!opts.watch?.length && !gates.worthModelling(text, opts.resolveSource)) return emptyAnalysis(text, opts, parse);
  const tree = parse();
  const budget = new Budget(gates.exhaustive);
  const catalogue = new Catalogue(opts.dialect);
  const file = opts.filename ?? DOCUMENT;
  const texts = new Texts(file, opts.resolveSource, opts.dialect.sourceRead === 'run-whole', opts.parsedTexts);
  const discovery = new Discovery(catalogue, gates, texts, opts.dialect);
  const reader = new Reader(opts.dialect, catalogue, gates, budget);
  const runner = new Runner(opts.dialect, catalogue, reader, discovery, texts, gates, budget);
  const src: Source = { text, base: 0, file, name: file };
  let units: Unit[] = [];
  texts.files.set(file, text);
  const result = (aborted: boolean): Analysis => ({
    text, file, sources: texts.files, tree, dialect: opts.dialect, units, aborted, unaliases: catalogue.unaliases,
    defs: catalogue.defs, uses: [...catalogue.uses.values()], clashes: catalogue.clashes,
    unknowns: catalogue.unknowns, unresolvedSources: catalogue.unresolvedSources,
    names: { aliases: catalogue.knownNames, functions: catalogue.functionNames() },
    sourceSites: catalogue.sourceSites, unitsOf: (f) => (f === file ? units : texts.unitsOf(f)), called: (f) => runner.called(f),
  });
  if (tree.rootNode.childCount > MAX_TOP_LEVEL_NODES) return result(true);
  try {
    units = programUnits(tree.rootNode, text, false, opts.segments);
    for (const name of opts.watch ?? []) catalogue.knownNames.add(name);
    discovery.units(units, src);
    // No alias name anywhere this text can reach: no use can be recorded.
    if (catalogue.knownNames.size === 0 && !gates.exhaustive) return result(false);
    const st = new State();
    const start = opts.start ?? {};
    if (opts.dialect.bashOptions) {
      const expand = start.expandAliases ?? (start.interactive || undefined);
      st.expandAliases = expand === undefined ? initialExpandAliases(opts) : expand ? Tri.Yes : Tri.No;
      st.posix = opts.dialect.startsInPosixMode ? Tri.Yes : Tri.No;
    }
    if (opts.dialect.zshOptions && start.zshAliases === false) st.zshAliases = Tri.No;
    // an interactive shell first runs startup files the analysis cannot see
    if (start.interactive) st.forgetAll(catalogue.unknown(src, { startIndex: 0, endIndex: text.indexOf('\n') >>> 0 } as SyntaxNode, 'startup'));
    runner.runUnits(units, st, {
      src, depth: 0, sourceDepth: 0, subshell: false, returns: null, breaks: null, eager: false, uncertain: false, fn: null, unit: -1, printed: false,
      script: opts.standalone === true,
    }, true);
  } catch (e) {
    // Out of budget, or nesting deeper than the stack: nothing found is certain.
    if (e instanceof AbortAnalysis || e instanceof RangeError) return result(true);
    throw e;
  }
  return result(false);
}
