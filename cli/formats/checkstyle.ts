// Checkstyle XML, read by Jenkins' warnings plugin and many CI dashboards.
import type { Formatter } from './types';

/** XML 1.0 escapes; characters XML cannot carry at all are dropped. */
export function xml(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    // tab, newline and carriage return as references: an attribute value would read them as spaces
    .replace(/[<>&"'\t\n\r]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!);
}

export const checkstyle: Formatter = (reports) => {
  let out = '<?xml version="1.0" encoding="utf-8"?><checkstyle version="4.3">';
  for (const r of reports) {
    out += `<file name="${xml(r.path)}">`;
    for (const m of r.messages) {
      out += `<error line="${m.line}" column="${m.column}" severity="${m.severity}" message="${xml(`${m.message} (${m.ruleId})`)}" source="aliascope.rules.${xml(m.ruleId)}" />`;
    }
    out += '</file>';
  }
  return `${out}</checkstyle>\n`;
};
