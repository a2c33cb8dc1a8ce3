// What the editor may configure, and how the editor's settings and a
// `.aliascoperc.json` combine: the editor's choices win, key by key.
import { DIALECT_IDS, DialectId, RULES_BY_ID, Severity } from '../rules';
import type { RcConfig } from './rcfile';

export type RuleSetting = Severity | 'off';

export interface Settings {
  enable: boolean;
  /** 'auto': from the shebang, a directive or the extension. */
  shell: DialectId | 'auto';
  rules: Record<string, RuleSetting>;
  run: 'onType' | 'onSave';
}

export const DEFAULT_SETTINGS: Settings = { enable: true, shell: 'auto', rules: {}, run: 'onType' };

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/** Keeps the known rule ids with a valid severity; drops the rest. */
export function ruleSettings(value: unknown): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [id, sev] of Object.entries(value as Record<string, unknown>)) {
    if (RULES_BY_ID.has(id) && typeof sev === 'string' && SEVERITIES.has(sev)) out[id] = sev as RuleSetting;
  }
  return out;
}

export function isDialect(value: unknown): value is DialectId {
  return typeof value === 'string' && (DIALECT_IDS as string[]).includes(value);
}

/** Reads the `aliascope` section a client sent, whatever its shape. */
export function fromClient(raw: unknown): Partial<Settings> {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: Partial<Settings> = {};
  if (typeof r.enable === 'boolean') out.enable = r.enable;
  if (r.shell === 'auto' || isDialect(r.shell)) out.shell = r.shell;
  if (r.rules !== undefined) out.rules = ruleSettings(r.rules);
  if (r.run === 'onType' || r.run === 'onSave') out.run = r.run;
  return out;
}

export function combine(client: Partial<Settings>, rc: RcConfig | undefined): Settings {
  const shell = client.shell && client.shell !== 'auto' ? client.shell : rc?.shell ?? 'auto';
  return {
    enable: client.enable ?? DEFAULT_SETTINGS.enable,
    shell,
    rules: { ...(rc?.rules ?? {}), ...(client.rules ?? {}) },
    run: client.run ?? DEFAULT_SETTINGS.run,
  };
}
