import type { RuleMeta } from '../../rules';
import type { FileReport } from '../lint-file';

export interface FormatContext {
  cwd: string;
  color: boolean;
  rules: RuleMeta[];
  version: string;
}

/** The report as text; as bytes where some of it is not UTF-8 (a diff of a Latin-1 file). */
export type Formatter = (reports: FileReport[], ctx: FormatContext) => string | Buffer;

/** Where each rule's documentation lives, for links in reports. */
export const DOCS_BASE = 'https://github.com/aliascope/aliascope/blob/main/docs/rules/';
