// What the editor may configure, and how the editor's settings and a
// `.aliascoperc.json` combine: the editor's choices win, key by key.
import type { FileConfig } from '../host/config';
import { DIALECT_IDS, DialectId, RULES_BY_ID, Severity } from '../rules';

export type RuleSetting = Severity | 'off';

interface ClientSettings {
  enable: boolean;
  /** 'auto': from a directive, the shebang, the extension, then the config file. */
  shell: DialectId | 'auto';
  rules: Record<string, RuleSetting>;
  run: 'onType' | 'onSave';
  /** Inlay hints on every alias use, not only the surprising ones. */
  allUseHints: boolean;
}

export interface Settings extends ClientSettings {
  /** The config file's dialect: used when the script itself says nothing. */
  fallbackShell?: DialectId;
  /** Folders searched for `source` targets ('SCRIPTDIR': the script's own). */
  sourcePaths: string[];
}

const DEFAULTS: ClientSettings = { enable: true, shell: 'auto', rules: {}, run: 'onType', allUseHints: false };

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/** Keeps the known rule ids with a valid severity; drops the rest. */
function ruleSettings(value: unknown): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [id, sev] of Object.entries(value as Record<string, unknown>)) {
    if (RULES_BY_ID.has(id) && typeof sev === 'string' && SEVERITIES.has(sev)) out[id] = sev as RuleSetting;
  }
  return out;
}

function isDialect(value: unknown): value is DialectId {
  return typeof value === 'string' && (DIALECT_IDS as string[]).includes(value);
}

/** The closest known id, for "did you mean": within two edits, else none. */
function closest(word: string, known: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row;
    }
    return prev[b.length];
  };
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(word, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

const quoted = (v: unknown) => JSON.stringify(v) ?? String(v);

/**
 * What in the `aliascope` section a client sent is not understood, one
 * sentence each, naming the setting: the server warns, and uses the default
 * (or drops the entry) as `fromClient` does.
 */
export function settingProblems(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object') return [];
  const r = raw as Record<string, unknown>;
  const out: string[] = [];
  if (r.enable !== undefined && typeof r.enable !== 'boolean') out.push(`aliascope.enable: ${quoted(r.enable)} is not true or false; using true.`);
  if (r.shell !== undefined && r.shell !== 'auto' && !isDialect(r.shell)) {
    out.push(`aliascope.shell: ${quoted(r.shell)} is not a shell aliascope knows (auto, ${DIALECT_IDS.join(', ')}); using auto.`);
  }
  if (r.run !== undefined && r.run !== 'onType' && r.run !== 'onSave') out.push(`aliascope.run: ${quoted(r.run)} is not onType or onSave; using onType.`);
  if (r.rules !== undefined) {
    if (!r.rules || typeof r.rules !== 'object' || Array.isArray(r.rules)) {
      out.push('aliascope.rules: not an object of rule ids and severities; ignored.');
    } else {
      for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
        if (!RULES_BY_ID.has(id)) {
          const like = closest(id, [...RULES_BY_ID.keys()]);
          out.push(`aliascope.rules: there is no rule ${quoted(id)}${like ? ` (did you mean "${like}"?)` : ''}; ignored.`);
        } else if (typeof sev !== 'string' || !SEVERITIES.has(sev)) {
          out.push(`aliascope.rules: ${quoted(sev)} for "${id}" is not error, warning, info or off; ignored.`);
        }
      }
    }
  }
  return out;
}

/** Reads the `aliascope` section a client sent, whatever its shape. */
export function fromClient(raw: unknown): Partial<ClientSettings> {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: Partial<ClientSettings> = {};
  if (typeof r.enable === 'boolean') out.enable = r.enable;
  if (r.shell === 'auto' || isDialect(r.shell)) out.shell = r.shell;
  if (r.rules !== undefined) out.rules = ruleSettings(r.rules);
  if (r.run === 'onType' || r.run === 'onSave') out.run = r.run;
  const hints = r.inlayHints as Record<string, unknown> | undefined;
  if (typeof hints?.allUses === 'boolean') out.allUseHints = hints.allUses;
  return out;
}

export function combine(client: Partial<ClientSettings>, rc: FileConfig | undefined): Settings {
  return {
    enable: client.enable ?? DEFAULTS.enable,
    shell: client.shell ?? DEFAULTS.shell,
    rules: { ...(rc?.rules ?? {}), ...(client.rules ?? {}) },
    run: client.run ?? DEFAULTS.run,
    allUseHints: client.allUseHints ?? DEFAULTS.allUseHints,
    fallbackShell: rc?.shell,
    sourcePaths: rc?.sourcePaths ?? [],
  };
}
