// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. URIs are
// relative to %SRCROOT% (the folder the run started in), so results match the
// repository's files wherever the checkout lives.
import { createHash } from 'crypto';
import { relative, sep } from 'path';
import { pathToFileURL } from 'url';
import type { Message, Position } from '../lint-file';
import { DOCS_BASE, Formatter } from './types';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

const region = (p: Position) => ({ startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn });

/** Percent-encodes each segment, keeping the slashes. */
const uriOf = (rel: string) => rel.split('/').map(encodeURIComponent).join('/');

/**
 * A fingerprint that survives lines moving: the rule, the alias word and the
 * line's text without blanks, numbered when the same triple repeats in a file.
 */
function fingerprint(m: Message, seen: Map<string, number>): string {
  const word = m.endLine === m.line ? m.lineText.slice(m.column - 1, m.endColumn - 1) : '';
  const hash = createHash('sha256').update(`${m.ruleId}\0${word}\0${m.lineText.replace(/\s+/g, '')}`).digest('hex').slice(0, 32);
  const n = (seen.get(hash) ?? 0) + 1;
  seen.set(hash, n);
  return `${hash}:${n}`;
}

export const sarif: Formatter = (reports, ctx) => {
  const ruleIndex = new Map(ctx.rules.map((r, i) => [r.id, i]));
  const rules = ctx.rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: r.summary },
    fullDescription: { text: r.summary },
    help: { text: r.docs, markdown: r.docs },
    helpUri: `${DOCS_BASE}${r.id}.md`,
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['shell', 'alias'], ...(r.shellcheck.length ? { shellcheck: r.shellcheck } : {}) },
  }));
  const results = reports.flatMap((r) => {
    const uri = uriOf((relative(ctx.cwd, r.path) || r.path).split(sep).join('/'));
    const artifactLocation = { uri, uriBaseId: '%SRCROOT%' };
    const seen = new Map<string, number>();
    return r.messages.map((m) => ({
      ruleId: m.ruleId,
      ...(ruleIndex.has(m.ruleId) ? { ruleIndex: ruleIndex.get(m.ruleId) } : {}),
      level: LEVEL[m.severity],
      message: { text: m.message },
      locations: [{ physicalLocation: { artifactLocation, region: region(m) } }],
      ...(m.related.length ? {
        relatedLocations: m.related.map((rel, i) => ({
          id: i + 1, message: { text: rel.message }, physicalLocation: { artifactLocation, region: region(rel) },
        })),
      } : {}),
      partialFingerprints: { primaryLocationLineHash: fingerprint(m, seen) },
      ...(m.fix && m.fixTitle ? {
        fixes: [{
          description: { text: m.fixTitle },
          artifactChanges: [{
            artifactLocation,
            replacements: [{ deletedRegion: { charOffset: m.fix.range[0], charLength: m.fix.range[1] - m.fix.range[0] }, insertedContent: { text: m.fix.text } }],
          }],
        }],
      } : {}),
    }));
  });
  const errors = reports.filter((r) => r.error);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'aliascope', version: ctx.version, informationUri: 'https://github.com/aliascope/aliascope', rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(ctx.cwd).href.replace(/\/?$/, '/')}` } },
      invocations: [{
        executionSuccessful: errors.length === 0,
        toolExecutionNotifications: errors.map((r) => ({
          level: 'error',
          message: { text: `${relative(ctx.cwd, r.path) || r.path}: ${r.error}` },
        })),
      }],
      results,
      columnKind: 'utf16CodeUnits',
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
