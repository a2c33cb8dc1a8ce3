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
