import { type Command, EXIT_OK } from '../command.ts';
import { configFrom } from '../context.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Bring the database schema up to date, then exit',
  description: [
    'Applies the migrations the database has not had yet and exits. `latchkey serve` does the same',
    'when it starts, so this is only needed to migrate ahead of a start (for example before rolling',
    'out a new version to several nodes that share one Postgres database). Safe to run while other',
    'nodes run: concurrent migrations wait for each other.',
  ].join('\n'),
  options: [],
  positionals: [],
  async run(_args, io) {
    const config = configFrom(io);
    const { migrateToLatest, migrations } = await import('@latchkey/db');
    const { openDatabase } = await import('../../open-context.ts');
    const { loadSecretKey } = await import('../../../core/secrets/secret-key.ts');
    const { createSecretBox } = await import('../../../core/crypto/secret-box.ts');
    const { secondFactorMigrationHooks } = await import('../../../core/mfa/migration-hooks.ts');
    const database = openDatabase(config);
    try {
      // Some migrations seal secrets already stored (TOTP secrets): they need the deployment's key.
      const results = await migrateToLatest(
        database.db,
        secondFactorMigrationHooks(createSecretBox(loadSecretKey(config).key)),
      );
      const total = Object.keys(migrations).length;
      if (results.length === 0) await io.out(`The database schema is up to date (${total} migrations).\n`);
      else
        await io.out(
          `Applied ${results.length} of ${total} migrations: ${results.map((result) => result.migrationName).join(', ')}\n`,
        );
    } finally {
      await database.close();
    }
    return EXIT_OK;
  },
};
