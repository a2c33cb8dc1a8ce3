import { RULES_BY_ID } from '../../rules';
import { ruleTester } from '../support/rule-tester';

const rule = (id: string) => RULES_BY_ID.get(id)!;

ruleTester(rule('alias-function-clash'), {
  valid: [
    { code: "ll() { ls -l \"$@\"; }\nalias ll='ls -la'\n" },
    { code: "alias ll='ls -l'\nunalias ll\nll() { ls -la \"$@\"; }\n" },
    { code: "alias ll='ls -l'\nfunction ll { ls -la \"$@\"; }\n", dialect: 'ksh' },
    { code: "#!/bin/bash\nalias ll='ls -l'\nll() { ls -la \"$@\"; }\n" },
  ],
  invalid: [
    {
      code: "alias ll='ls -l'\nll() { ls -la \"$@\"; }\n",
      errors: [{ line: 2, column: 1, endColumn: 3, message: 'defined at line 1' }],
    },
    {
      code: "#!/bin/bash\nshopt -s expand_aliases\nalias ll='ls -l'\nll() { ls -la \"$@\"; }\n",
      errors: [{ line: 4, column: 1, endColumn: 3 }],
    },
  ],
});

ruleTester(rule('alias-positional-params'), {
  valid: [
    { code: "alias greet='echo hello'\n" },
    { code: "alias cost='echo \\$5'\n" },
    // ShellCheck's SC2142 false alarms (its issues #1960, #3159, #3245): the parameters are not the alias's
    { code: "alias f='f(){ echo You said: \"$@\"; }; f'\n" },
    { code: "alias mypy='f() { command mypy \"${@:-.}\"; }; f'\n" },
    { code: "alias cols='bash -c '\\''IFS=:; echo \"${*}\"'\\'' --'\n" },
    { code: "alias col1='awk '\\''{print $1}'\\'''\n" },
    // `${#x}` is a length, `${x[1]}` an element
    { code: "alias len='echo ${#HOME} ${x[1]}'\n" },
    // macros pasted into function bodies on purpose
    { code: "alias guard='if [ \"$1\" = --help ]; then echo usage; return 0; fi'\nf() {\n  guard\n  echo \"$1\"\n}\n" },
    { code: "alias first='x=$1'\nf() { first; echo \"$x\"; }\n" },
  ],
  invalid: [
    { code: "alias greet='echo \"hello $1\"'\n", errors: [{ line: 1, column: 7, endColumn: 30, message: 'uses `$1`' }] },
    // a use with arguments expects them to reach the alias
    { code: "alias first='x=$1'\nf() { first bob; }\n", errors: [{ line: 1, column: 7, endColumn: 19 }] },
    { code: "alias all='printf %s \"$@\"'\n", errors: [{ line: 1, column: 7, endColumn: 27 }] },
    { code: "alias n='echo ${#}'\n", errors: [{ line: 1, column: 7, endColumn: 20 }] },
  ],
});

ruleTester(rule('alias-definition-expansion'), {
  valid: [
    { code: "alias here='echo $PWD'\n" },
    { code: "alias ll=\"ls -l\"\n" },
  ],
  invalid: [
    { code: "alias here=\"echo $PWD\"\n", errors: [{ line: 1, column: 7, endColumn: 23, message: 'expanded when the alias is defined' }] },
    { code: "alias today=\"echo $(date)\"\n", errors: [{ line: 1, column: 7, endColumn: 27 }] },
  ],
});
