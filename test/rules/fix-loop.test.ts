// Fixing a whole text through the shared fix loop: every fix of one
// definition agrees on where the definition goes.
import { describe, expect, it } from 'vitest';
import { fixAll } from '../support/fix';

describe('the fix loop', () => {
  it('moves a definition above the first run of every use it fixes, once', () => {
    const text = "echo \"$(k a; l b)\"\necho x; k c\nalias l='ls -x'\nalias k='kubectl'\n";
    expect(fixAll(text, { dialect: 'sh', filename: 'x.sh' }).text)
      .toBe('k() { kubectl "$@"; }\nl() { ls -x "$@"; }\necho "$(k a; l b)"\necho x; k c\n');
  });
});
