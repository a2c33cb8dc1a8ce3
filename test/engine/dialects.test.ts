// Dialect choice, and each row of the dialect table backed by a demo that
// runs in the real shell (see semantics.test.ts for the runs themselves).
import { describe, expect, it } from 'vitest';
import { detectDialect, DIALECTS, DialectId } from '../../rules';
import { isInteractiveStartupFile } from '../../rules/dialects';
import { DEMOS } from '../support/demos';

describe('detectDialect', () => {
  const cases: [string, string | undefined, DialectId][] = [
    ['#!/bin/bash\n', undefined, 'bash'],
    ['#!/usr/bin/env bash\n', undefined, 'bash'],
    ['#! /bin/bash -e\n', undefined, 'bash'],
    ['#!/bin/bash --posix\n', undefined, 'bash-posix'],
    ['#!/bin/sh\n', undefined, 'sh'],
    ['#!/bin/dash\n', undefined, 'sh'],
    ['#!/bin/busybox sh\n', undefined, 'busybox'],
    ['#!/usr/bin/env -S zsh -f\n', undefined, 'zsh'],
    ['#!/bin/ksh\n', undefined, 'ksh'],
    ['#!/bin/mksh\n', undefined, 'mksh'],
    ['#!/bin/lksh\n', undefined, 'mksh'],
    ['#!/bin/mksh-static\n', undefined, 'mksh'],
    ['#!/bin/rbash\n', undefined, 'bash'],
    ['#!/usr/bin/env -S bash --posix\n', undefined, 'bash-posix'],
    ['#!/usr/bin/env -S POSIXLY_CORRECT=1 bash -e\n', undefined, 'bash-posix'],
    ['#!/usr/bin/env -u FOO zsh\n', undefined, 'zsh'],
    ['echo\n', 'x.ash', 'busybox'],
    ['\uFEFF#!/bin/sh\n', undefined, 'sh'],
    ['#!/bin/sh\n# shellcheck shell=bash\n', undefined, 'bash'],
    ['# aliascope shell=ksh\necho\n', 'x.sh', 'ksh'],
    ['echo\n', 'x.bash', 'bash'],
    ['echo\n', 'x.sh', 'sh'],
    ['echo\n', 'x.zsh', 'zsh'],
    ['echo\n', 'x.mksh', 'mksh'],
    ['echo\n', 'x.ksh', 'ksh'],
    ['echo\n', undefined, 'bash'],
  ];
  it.each(cases)('%j (%s) is %s', (text, filename, id) => {
    expect(detectDialect(text, filename).dialect.id).toBe(id);
  });
  it('lets an explicit option win', () => {
    expect(detectDialect('#!/bin/bash\n', 'x.bash', 'zsh')).toEqual({ dialect: DIALECTS.zsh, source: 'option' });
  });
  it('exempts interactive start-up files', () => {
    for (const f of ['/home/u/.bashrc', '.bash_profile', 'etc/bash.bashrc', 'etc/profile.d/x.sh', '.profile', '.bash_aliases']) {
      expect(isInteractiveStartupFile(f)).toBe(true);
    }
    expect(isInteractiveStartupFile('scripts/profile.sh')).toBe(false);
  });
});

/** The demo that shows each row of the table in every real shell. */
const ROW_DEMOS: Record<string, string[]> = {
  expandsByDefault: ['same_line', 'function_order'],
  bashOptions: ['shopt_same_line', 'shopt_in_function', 'set_posix', 'set_positional'],
  comsub: ['comsub_same_line', 'comsub_function_before_alias', 'comsub_unalias_same_line', 'comsub_multiline', 'comsub_in_loop'],
  backtick: ['backtick_same_line', 'backtick_unalias_same_line', 'backtick_multiline'],
  heredocComsub: ['heredoc_prev_line'],
  evalRead: ['eval_multiline', 'eval_same_line'],
  sourceRead: ['source_def_and_use'],
  lastPipeInShell: ['pipeline_last'],
  prefixRule: ['prefix_assign_redir'],
  comsubHeredocInCompoundFails: ['comsub_heredoc_in_compound'],
  comsubPrinted: ['prefix_in_comsub'],
};

describe('the dialect table', () => {
  it('has a real-shell demo for every row that changes which uses expand', () => {
    const names = new Set(DEMOS.map((d) => d.name));
    for (const [row, demos] of Object.entries(ROW_DEMOS)) {
      expect(Object.keys(DIALECTS.bash), row).toContain(row);
      for (const d of demos) expect(names.has(d), `${row}: ${d}`).toBe(true);
    }
  });
});
