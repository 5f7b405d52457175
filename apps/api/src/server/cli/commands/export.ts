import { writePrivateFile } from '../../../core/secrets/private-file.ts';
import { type Command, CommandError, EXIT_OK } from '../command.ts';
import { configFrom, withCommandContext } from '../context.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write every core object as JSON in Casdoor’s init_data.json shape',
  description: [
    'Writes organizations, users, applications, certs, providers, groups, roles, permissions,',
    'models, adapters, enforcers (with enforcerPolicies) and webhooks as one JSON document, to',
    'standard output or to --output.',
    '',
    'Without --with-secrets it holds no password hash, client secret, private key or access secret',
    'and can be shared. With --with-secrets it is a full copy that `latchkey import-casdoor` (or',
    'Casdoor) reads back; treat it like the database itself. A file written with --output is',
    'readable only by you; it is written whole to a new file and renamed into place, and a',
    'symbolic link at that name is refused.',
  ].join('\n'),
  options: [
    { name: 'with-secrets', description: 'Include password hashes, client secrets, private keys and access secrets' },
    { name: 'output', short: 'o', value: 'file', description: 'Write to this file instead of standard output' },
  ],
  positionals: [],
  async run(args, io) {
    const config = configFrom(io);
    const withSecrets = args.options['with-secrets'] === true;
    const { exportInitData } = await import('../../init-data/index.ts');
    const data = await withCommandContext(config, (context) => exportInitData(context, { withSecrets }));
    const text = `${JSON.stringify(data, null, 2)}\n`;
    const output = args.options.output;
    if (typeof output !== 'string' || output === '-') {
      await io.out(text);
      return EXIT_OK;
    }
    try {
      writePrivateFile(output, text);
    } catch (error) {
      throw new CommandError(`cannot write ${output}: ${(error as Error).message}`);
    }
    const count = Object.values(data).reduce((sum, section) => sum + (Array.isArray(section) ? section.length : 0), 0);
    await io.err(`Exported ${count} objects${withSecrets ? ' with their secrets' : ''} to ${output}.\n`);
    return EXIT_OK;
  },
};
