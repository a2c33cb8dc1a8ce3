import { RULES_BY_ID } from '../../rules';
import { ruleTester } from '../support/rule-tester';

ruleTester(RULES_BY_ID.get('alias-passed-to-program')!, {
  valid: [
    // an alias that decorates the program of its name: `xargs grep` means the program
    { code: "alias grep='grep --color=auto'\nfind . -exec grep x {} +\n" },
    { code: "alias apt-get='sudo apt-get'\nsudo apt-get install x\n" },
    { code: "alias brew=\"sudo -Hu '$owner' brew\"\nbrew leaves | xargs brew deps\n" },
    // a blank at the end of `sudo`'s alias makes the shell expand the next word
    { code: "alias sudo='sudo '\nalias ll='ls -l'\nsudo ll\n" },
    // an expansion before the command word: which word runs is known only at run time
    { code: "alias ll='ls -l'\nsudo $opts ll\n" },
    // an interactive shell reads startup files, which may define it
    { code: "alias ll='ls -l'\nbash -i -c 'll'\n" },
    { code: "alias ll='ls -l'\nsudo -u root ls\necho sudo ll\nsudo -u ll ls\n" },
    // the alias exists only in the subshell that defines it
    { code: "x=$(alias ll='ls -l'; ll)\nexec ll\n" },
    // xargs's long options take a value only after `=`; `env -S` and `sudo -e` name no command in a word of their own
    { code: "alias ll='ls -l'\necho a | xargs --replace echo ll\nenv -S 'echo' ll\nsudo -e ll\n" },
    // zsh's global aliases expand anywhere, so `env` gets the value
    { code: "alias -g qg='echo x'\nenv qg\n", dialect: 'zsh' },
    // not an alias yet, or no longer one, where the program runs
    { code: "sudo ll\nalias ll='ls -l'\n" },
    { code: "alias ll='ls -l'\nunalias ll\nsudo ll\n" },
    // bash's `time` is a keyword: the command after it is the shell's own
    { code: "alias ll='ls -l'\ntime ll\n", dialect: 'bash' },
    // and past its option `-p` in bash; without an option in bash --posix and ksh93
    { code: "alias ll='ls -l'\ntime -p ll\n", dialect: 'bash' },
    { code: "alias ll='ls -l'\ntime ll\n", dialect: 'bash-posix' },
    { code: "alias ll='ls -l'\ntime ll\n", dialect: 'ksh' },
  ],
  invalid: [
    {
      code: "alias ll='ls -l'\nsudo -u root ll /root\n",
      errors: [{ line: 2, column: 14, endColumn: 16, message: '`sudo` looks `ll` up on PATH as a program' }],
      suggested: "alias ll='ls -l'\nsudo -u root ls -l /root\n",
    },
    {
      code: "alias ll='ls -l'\nsudo ll /root\n",
      errors: [{ line: 2, column: 6, endColumn: 8, message: "Write out its body (`ls -l`), or define `alias sudo='sudo '`" }],
      suggested: "alias ll='ls -l'\nsudo ls -l /root\n",
    },
    {
      // the body names another alias: no suggestion would run a body
      code: "alias ll='ls -l'\nalias l='ll'\nsudo l>/dev/null\n",
      errors: [{ line: 3, column: 6, endColumn: 7 }],
      refusal: 'no one known body',
    },
    {
      // `st` is only git's argument here: the alias decorates no program named `st`
      code: "alias st='git st'\nsudo st\n",
      errors: [{ line: 2, column: 6, endColumn: 8 }],
      suggested: "alias st='git st'\nsudo git st\n",
    },
    {
      // more than one command: `xargs` would take only the first
      code: "alias up='cd ..; ls'\necho x | xargs up\n",
      errors: [{ line: 2, column: 16, endColumn: 18 }],
      refusal: 'no one known body',
    },
    {
      code: "alias ll='ls -l'\nfind . -name x -execdir ll {} +\n",
      errors: [{ line: 2, column: 25, endColumn: 27 }],
      suggested: "alias ll='ls -l'\nfind . -name x -execdir ls -l {} +\n",
    },
    {
      code: "alias ll='ls -l'\nbash -c 'll /tmp'\n",
      errors: [{ line: 2, column: 10, endColumn: 12, message: '`bash -c` runs its string in a new shell' }],
      suggested: "alias ll='ls -l'\nbash -c 'ls -l /tmp'\n",
    },
    {
      // quotes make no difference to the program, which gets the name without them
      code: "alias ll='ls -l'\nsudo 'll' /root\nnohup \"ll\"\n",
      errors: [{ line: 2, column: 6, endColumn: 10 }, { line: 3, column: 7, endColumn: 11 }],
      suggested: "alias ll='ls -l'\nsudo ls -l /root\nnohup ls -l\n",
    },
    {
      // an option after `time` makes it the program in bash --posix and ksh93
      code: "alias ll='ls -l'\ntime -p ll\n",
      dialect: 'bash-posix',
      errors: [{ line: 2, column: 9, endColumn: 11 }],
      suggested: "alias ll='ls -l'\ntime -p ls -l\n",
    },
    {
      code: "alias ll='ls -l'\ntime -p ll\n",
      dialect: 'ksh',
      errors: [{ line: 2, column: 9, endColumn: 11 }],
      suggested: "alias ll='ls -l'\ntime -p ls -l\n",
    },
    {
      code: "alias ll='ls -l'\ntime ll\n",
      dialect: 'sh',
      errors: [{ line: 2, column: 6, endColumn: 8 }],
      suggested: "alias ll='ls -l'\ntime ls -l\n",
    },
    {
      code: "alias ll='ls -l'\nenv A=1 B=2 ll\ntimeout -s KILL 5 ll\n",
      errors: [{ line: 2, column: 13, endColumn: 15 }, { line: 3, column: 19, endColumn: 21 }],
      suggested: "alias ll='ls -l'\nenv A=1 B=2 ls -l\ntimeout -s KILL 5 ls -l\n",
    },
  ],
});
