// The rule catalogue, in the order the docs list them.
import type { Rule } from '../rule';
import { aliasDiesWithScript } from './alias-dies-with-script';
import { aliasDefinitionExpansion } from './alias-definition-expansion';
import { aliasFunctionClash } from './alias-function-clash';
import { aliasInHeredocSubstitution } from './alias-in-heredoc-substitution';
import { aliasInFunction } from './alias-in-function';
import { aliasNeverExpands } from './alias-never-expands';
import { aliasPassedToProgram } from './alias-passed-to-program';
import { aliasPositionalParams } from './alias-positional-params';
import { irregularWhitespace } from './irregular-whitespace';
import { expandAliasesOff } from './expand-aliases-off';
import { functionReadBeforeAlias } from './function-read-before-alias';
import { sameUnit } from './same-unit';
import { subshellAlias } from './subshell-alias';
import { useBeforeDefinition } from './use-before-definition';

export const RULES: Rule[] = [
  sameUnit, functionReadBeforeAlias, aliasInFunction, expandAliasesOff, subshellAlias,
  useBeforeDefinition, aliasInHeredocSubstitution, aliasNeverExpands, aliasFunctionClash, aliasPositionalParams, aliasDefinitionExpansion,
  aliasDiesWithScript, aliasPassedToProgram, irregularWhitespace,
];

export const RULES_BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));
