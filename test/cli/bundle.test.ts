// The one-file bundle and its code cache (scripts/bundle.js) run the same
// command line as the separate modules, workers included, and are set aside
// once tsc has rebuilt the modules they came from.
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { aliascope, CLEAN, project, ROOT, SAME_UNIT, WARN_ONLY } from './helpers';

const BOOT = join(ROOT, 'out', 'cli', 'boot.js');

/** Whether a fresh process loads the bundle (and which code it runs). */
function loadsBundle(env: Record<string, string | undefined> = {}): boolean {
  const r = spawnSync(process.execPath, ['-e', `const b = require(${JSON.stringify(BOOT)}); b.load(); process.stdout.write(String(!!b.codeCache()))`], {
    encoding: 'utf8', env: { ...process.env, ...env },
  });
  expect(r.stderr).toBe('');
  return r.stdout === 'true';
}

describe('bundle', () => {
  it('is built after tsc, loads with its code cache, and gives the same output as the modules', () => {
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle.js')], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    for (const f of ['bundle.js', 'bundle.js.json', 'bundle.js.cache']) expect(existsSync(join(ROOT, 'out', 'cli', f))).toBe(true);
    expect(loadsBundle()).toBe(true);
    expect(loadsBundle({ ALIASCOPE_NO_BUNDLE: '1' })).toBe(false);

    const files: Record<string, string> = {};
    const kinds = [SAME_UNIT, CLEAN, WARN_ONLY];
    for (let i = 0; i < 40; i++) files[`f${String(i).padStart(2, '0')}.sh`] = kinds[i % kinds.length];
    const dir = project(files);
    for (const args of [['-f', 'json', '.'], ['--concurrency', '2', '-f', 'json', '.'], ['-f', 'stylish', 'f00.sh', 'f02.sh'], ['--explain', 'same-unit']]) {
      const bundled = aliascope(args, { cwd: dir });
      const modules = aliascope(args, { cwd: dir, env: { ALIASCOPE_NO_BUNDLE: '1' } });
      expect(bundled).toEqual(modules);
    }
  });
});
