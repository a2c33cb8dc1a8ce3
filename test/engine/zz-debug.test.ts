import { it } from 'vitest';
import { DialectId } from '../../rules';
import { claims } from '../support/engine-view';
import { generate } from '../support/generator';
import { runBatch } from '../support/shells';
const COUNT = Number(process.env.N ?? 300), SEED = 20261125;
it('debug', () => {
  for (const d of (process.env.D ?? 'bash').split(',') as DialectId[]) {
    const scripts = Array.from({ length: COUNT }, (_, i) => generate(SEED + i, d.startsWith('bash')));
    const seen = runBatch(d, scripts);
    let shown = 0;
    scripts.forEach((s, i) => {
      const c = claims(s.files, d);
      const bad = [...seen[i]].filter(([l, o]) => { const x = c.get(l) ?? '?'; return x !== '?' && o.some((y) => y !== x); });
      if (!bad.length || shown++ > 2) return;
      const smallest = bad.map(([l, o]) => `${l}: engine ${c.get(l)} shell ${o.join('')}`).join('; ');
      console.log(`=== ${d} seed ${SEED + i}: ${smallest}\n${Object.entries(s.files).map(([n, t]) => `--- ${n}\n${t}`).join('')}`);
    });
  }
});
