// Reductions of false alarms met on real scripts (see docs/real-world.md).
// Each must stay silent; each was reported before its fix.
import { describe, expect, it } from 'vitest';
import { lint } from '../../rules';

const quiet = (text: string, filename?: string) =>
  expect(lint(text, { filename }).diagnostics.map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);

describe('real-world reductions', () => {
  it('a file meant to be sourced ends at a top-level return', () => {
    quiet('return 0\nalias alias=:\n', 'examples/zshenv');
  });

  it('redefining the `alias` builtin is not a use of it', () => {
    quiet('#!/bin/sh\nalias alias=:\n');
  });

  it('an alias whose value is its own name changes nothing', () => {
    quiet('#!/bin/zsh\nbindkey -lL | grep x\n(\n  alias bindkey=bindkey\n  bindkey () { :; }\n)\n');
  });

  it('a library without a shebang inherits expand_aliases from whoever sources it', () => {
    quiet('function catch { return 1; }\nalias catch="noglob catch"\ncatch x\n', 'lib/catch');
  });

  it('a command used before an alias that decorates it is the plain command on purpose', () => {
    quiet("#!/bin/sh\ngrep -q x /etc/hosts\nalias grep='grep --color=auto'\n");
  });

  it('zsh start-up files and autoloaded functions are zsh', () => {
    expect(lint('', { filename: 'usr/share/zsh/functions/Exceptions/catch' }).dialect.dialect.id).toBe('zsh');
    expect(lint('', { filename: 'home/u/.zshrc' }).dialect.dialect.id).toBe('zsh');
  });
});
