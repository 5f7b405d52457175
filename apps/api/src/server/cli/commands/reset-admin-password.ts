import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_ADMIN, BUILT_IN_ORGANIZATION } from '../../../core/built-in-names.ts';
import { formatTime } from '../../../core/context.ts';
import { randomPassword } from '../../../core/crypto/random.ts';
import { UsageError } from '../arguments.ts';
import { type Command, CommandError, EXIT_OK } from '../command.ts';
import { configFrom, withCommandContext } from '../context.ts';

export const MINIMUM_PASSWORD_LENGTH = 8;

function parseUserId(value: string): { owner: string; name: string } {
  const [owner, name, ...rest] = value.split('/');
  if (!owner || !name || rest.length > 0)
    throw new UsageError(
      `--user must be organization/name, such as built-in/admin; got "${value}"`,
      'reset-admin-password',
    );
  return { owner, name };
}

export const resetAdminPasswordCommand: Command = {
  name: 'reset-admin-password',
  summary: 'Set a new password for an administrator and end their sessions',
  description: [
    'Sets a new password for built-in/admin (or the user named with --user), unlocks the account',
    'and ends all of that user’s sign-in sessions. The new password is, in this order: the one given',
    'with --password-stdin or --password, the value of LATCHKEY_ADMIN_PASSWORD, or a generated one',
    'that is printed once. Works while the server runs.',
  ].join('\n'),
  options: [
    {
      name: 'user',
      value: 'organization/name',
      description: 'The user whose password to set (default built-in/admin)',
    },
    { name: 'password-stdin', description: 'Read the new password from standard input' },
    {
      name: 'password',
      value: 'password',
      description: 'The new password (visible to other users of this machine in the process list)',
    },
  ],
  positionals: [],
  async run(args, io) {
    if (args.options['password-stdin'] && args.options.password !== undefined) {
      throw new UsageError(
        'give the password either with --password or with --password-stdin, not both',
        'reset-admin-password',
      );
    }
    const target =
      typeof args.options.user === 'string'
        ? parseUserId(args.options.user)
        : { owner: BUILT_IN_ORGANIZATION, name: BUILT_IN_ADMIN };
    const config = configFrom(io);

    let password: string;
    let source: string;
    if (args.options['password-stdin']) {
      password = (await io.readStdin()).replace(/\r?\n$/, '');
      source = 'standard input';
    } else if (typeof args.options.password === 'string') {
      password = args.options.password;
      source = '--password';
    } else if (config.adminPassword) {
      password = config.adminPassword;
      source = 'LATCHKEY_ADMIN_PASSWORD';
    } else {
      password = randomPassword();
      source = '';
    }
    if (password.length < MINIMUM_PASSWORD_LENGTH) {
      throw new UsageError(
        `the password from ${source} must have at least ${MINIMUM_PASSWORD_LENGTH} characters`,
        'reset-admin-password',
      );
    }

    const { deleteUserSessions, findUser, updateUserFields } = await import('@latchkey/db');
    const ended = await withCommandContext(
      config,
      async (context) => {
        const user = await findUser(context.db, target.owner, target.name);
        if (!user) throw new CommandError(`there is no user ${target.owner}/${target.name}`);
        const stored = await context.passwords.hash(password);
        return context.db.transaction().execute(async (trx) => {
          await updateUserFields(trx, target.owner, target.name, {
            ...stored,
            lastChangePasswordTime: formatTime(context.clock.now()),
            needUpdatePassword: false,
            signinWrongTimes: 0,
            lastSigninWrongTime: '',
          });
          return deleteUserSessions(trx, target.owner, target.name);
        });
      },
      { announce: false },
    );

    // The password saved at the first start is no longer right; leave no stale copy behind.
    const savedFile = join(config.dataDir, 'admin-password.txt');
    const isBuiltInAdmin = target.owner === BUILT_IN_ORGANIZATION && target.name === BUILT_IN_ADMIN;
    if (isBuiltInAdmin && existsSync(savedFile)) rmSync(savedFile);

    const id = `${target.owner}/${target.name}`;
    const sessions = `${ended.length} sign-in session${ended.length === 1 ? '' : 's'} of ${id} ended.`;
    if (source) await io.out(`The password of ${id} is now the one from ${source}. ${sessions}\n`);
    else
      await io.out(`New password for ${id}: ${password}\nIt is shown this once; keep it somewhere safe. ${sessions}\n`);
    return EXIT_OK;
  },
};
