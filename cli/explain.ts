// A rule's documentation as Markdown: what --explain prints and what
// docs/rules/<id>.md holds (scripts/docs.js writes those files from here).
import type { RuleMeta } from '../rules';

export function ruleDoc(meta: RuleMeta): string {
  const facts = [
    `- Default severity: ${meta.severity}`,
    `- Fixable: ${meta.fixable ? 'yes, with `aliascope --fix`' : 'no'}`,
    `- ShellCheck: ${meta.shellcheck.length ? meta.shellcheck.map((c) => `[${c}](https://www.shellcheck.net/wiki/${c})`).join(', ') : 'no overlapping check'}`,
  ];
  const silence = meta.shellcheck.length
    ? `\`# aliascope disable=${meta.id}\` or \`# shellcheck disable=${meta.shellcheck.join(',')}\``
    : `\`# aliascope disable=${meta.id}\``;
  return `# ${meta.id}

${meta.summary}.

${facts.join('\n')}

${meta.docs.trim()}

## Turning it off
For one command, put ${silence} on the line before it; for a whole file, \`# aliascope disable-file=${meta.id}\`. For a project, set \`"rules": { "${meta.id}": "off" }\` in \`.aliascoperc.json\`.
`;
}
