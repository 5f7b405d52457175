import { join } from 'node:path';
import type { Config } from '../core/config/index.ts';

/** Shows the generated administrator password once, on the first start. */
export function announceFirstStart(config: Config, password: string) {
  const file = join(config.dataDir, 'admin-password.txt');
  process.stderr.write(
    [
      '',
      '  Latchkey created the administrator account.',
      `    Sign in at   ${config.origin}`,
      '    Organization built-in, user admin',
      `    Password     ${password}`,
      `  The password is also in ${file} (readable only by you). It is shown this once.`,
      '',
      '',
    ].join('\n'),
  );
}
