// File names as line-oriented reports print them: relative to the working
// folder, with control characters escaped, so that a name holding a newline
// cannot forge a report line (as the github format's escaping prevents there).
import { relative } from 'path';

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Escapes C0 and C1 control characters and DEL. */
export function escapeControls(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export const displayPath = (cwd: string, path: string): string => escapeControls(relative(cwd, path) || path);
