// `.aliascoperc.json`, read with the command line's own loader so both faces
// agree on what a config means. A broken config is reported once and
// ignored, rather than stopping the analysis.
import { ConfigError, Configs, CONFIG_NAME, FileConfig } from '../host/config';

export const RC_NAME = CONFIG_NAME;

export class RcFiles {
  private configs = new Configs();
  private readonly reported = new Set<string>();

  constructor(private readonly warn: (message: string) => void) {}

  /** Forgets every config read so far (one changed on disk). */
  clear(): void {
    this.configs = new Configs();
    this.reported.clear();
  }

  find(path: string): FileConfig | undefined {
    try {
      return this.configs.forFile(path);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      if (!this.reported.has(e.message)) this.warn(e.message);
      this.reported.add(e.message);
      return undefined;
    }
  }
}
