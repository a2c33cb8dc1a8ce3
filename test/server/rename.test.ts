// Renaming an alias changes every spelling that means the alias, and none
// that skips it on purpose; references list the same places.
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../../rules';
import { references } from '../../server/navigation';
import { rename } from '../../server/rename';

function renamed(text: string, line: number, newName: string): string {
  const doc = TextDocument.create('file:///s.sh', 'shellscript', 1, text);
  const { analysis } = lint(text, { filename: '/s.sh' });
  const edit = rename(doc, analysis, { line, character: 0 }, newName)!;
  return TextDocument.applyEdits(doc, edit.changes!['file:///s.sh']);
}

describe('rename', () => {
  it('renames the name in `unalias` too, which would otherwise fail', () => {
    expect(renamed("#!/bin/bash\nset -e\nshopt -s expand_aliases\nalias k='echo K'\nk 1\nunalias k\necho done\n", 4, 'kk'))
      .toBe("#!/bin/bash\nset -e\nshopt -s expand_aliases\nalias kk='echo K'\nkk 1\nunalias kk\necho done\n");
  });

  it('leaves an escaped name and one after `command`, which run the plain command', () => {
    expect(renamed("#!/bin/bash\nshopt -s expand_aliases\nalias ls='ls -d'\nls /etc\n\\ls /etc/hostname\ncommand ls /etc/hostname\n", 3, 'myls'))
      .toBe("#!/bin/bash\nshopt -s expand_aliases\nalias myls='ls -d'\nmyls /etc\n\\ls /etc/hostname\ncommand ls /etc/hostname\n");
  });

  it('lists as references the places rename changes, not an escaped name or one after `command`', () => {
    const text = "#!/bin/bash\nshopt -s expand_aliases\nalias ls='ls -d'\nls /etc\n\\ls /etc/hostname\ncommand ls /etc/hostname\n";
    const doc = TextDocument.create('file:///s.sh', 'shellscript', 1, text);
    const { analysis } = lint(text, { filename: '/s.sh' });
    const lines = references(doc, analysis, { line: 3, character: 0 }, true).map((l) => l.range.start.line);
    expect(lines).toEqual([2, 3]);
  });
});
