import type { RuleMeta } from '../../rules';
import type { FileReport } from '../lint-file';

export interface FormatContext {
  cwd: string;
  color: boolean;
  rules: RuleMeta[];
  version: string;
}

export type Formatter = (reports: FileReport[], ctx: FormatContext) => string;

/** Where each rule's documentation lives, for links in reports. */
export const DOCS_BASE = 'https://github.com/aliascope/aliascope/blob/main/docs/rules/';
