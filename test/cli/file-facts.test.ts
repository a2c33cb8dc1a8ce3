// What the CLI reads off a file beside its text: the exec bit decides whether
// a script's unused aliases die with it.
import { chmodSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { aliascope, project } from './helpers';

const ALIASES = "#!/bin/bash\nalias k='kubectl'\n";

describe('file facts', () => {
  it('an executable script with an unused alias is reported; the same file without the exec bit is not', () => {
    const dir = project({ 'run.sh': ALIASES, 'lib.sh': ALIASES });
    chmodSync(join(dir, 'run.sh'), 0o755);
    chmodSync(join(dir, 'lib.sh'), 0o644);
    const r = aliascope(['--format', 'json', 'run.sh', 'lib.sh'], { cwd: dir });
    const byFile = Object.fromEntries((JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[])
      .map((f) => [f.filePath.replace(/.*\//, ''), f.messages.map((m) => `${m.line} ${m.ruleId}`)]));
    expect(byFile['run.sh']).toEqual(['2 alias-dies-with-script']);
    expect(byFile['lib.sh']).toEqual([]);
  });
});
