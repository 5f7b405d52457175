import { codecs, findKeyRefByAccessKey, findOrganization, findUserRef } from '@latchkey/db';
import { User } from '@latchkey/types';
import { BUILT_IN_ORGANIZATION } from '../../core/built-in-names.ts';
import type { AppContext } from '../../core/context.ts';
import { newId } from '../../core/crypto/random.ts';
import { hashedRecoveryCodes } from '../../core/mfa/recovery-codes.ts';
import { isUsableTotpSecret } from '../../core/mfa/totp.ts';
import { hashCostProblem } from '../../core/passwords/hash-cost.ts';
import type { StoredPassword } from '../../core/passwords/hasher.ts';
import { accepted, creationTime, type Prepare, rejected } from './entry.ts';
import { nameProblem, readFields } from './read-fields.ts';

/** Casdoor's password formats that Latchkey verifies as they are (and rehashes to argon2id on the first sign-in). */
export const verifiablePasswordTypes = [
  'argon2id',
  'bcrypt',
  'salt',
  'sha512-salt',
  'md5-salt',
  'pbkdf2-salt',
  'pbkdf2-django',
] as const;

type PasswordOutcome = { ok: true; stored: StoredPassword; note?: string } | { ok: false; problem: string };

/**
 * How an imported user's password is stored. A hash in a format we can verify is kept with its type
 * and salt. A user without a type takes the organization's, as Casdoor does when checking. A plain
 * text password (type "plain") is hashed with argon2id now, so it never rests in clear text.
 */
async function importedPassword(context: AppContext, user: User, organizationType: string): Promise<PasswordOutcome> {
  if (user.password === '') return { ok: true, stored: { password: '', passwordType: '', passwordSalt: '' } };
  if (user.password === '***') {
    return {
      ok: true,
      stored: { password: '', passwordType: '', passwordSalt: '' },
      note: 'imported without a password: the file has it masked as "***"',
    };
  }
  const type = user.passwordType || organizationType || 'plain';
  if (type === 'plain') return { ok: true, stored: await context.passwords.hash(user.password) };
  if ((verifiablePasswordTypes as readonly string[]).includes(type)) {
    const stored = { password: user.password, passwordType: type, passwordSalt: user.passwordSalt };
    const tooCostly = hashCostProblem(stored);
    return tooCostly
      ? { ok: false, problem: `${tooCostly}: checking it would cost too much (reset the password after the import)` }
      : { ok: true, stored };
  }
  return { ok: false, problem: `its password type "${type}" is not one Latchkey can check` };
}

/**
 * Casdoor's SMS and email second factors that cannot work: the flag is set but the account has no
 * phone number (email address) for the codes to go to. Named in the report; such a factor is not
 * asked for until the user has one.
 */
function unreachableFactors(user: User): string[] {
  const unreachable = [
    ...(user.mfaPhoneEnabled && !user.phone ? ['SMS codes (no phone number)'] : []),
    ...(user.mfaEmailEnabled && !user.email ? ['email codes (no email address)'] : []),
  ];
  if (unreachable.length === 0) return [];
  return [`has ${unreachable.join(' and ')} as a second factor with nowhere to send them: it is not asked for`];
}

export const prepareUser: Prepare = async ({ context, raw, options }) => {
  const read = readFields(User, raw);
  if (!read.ok) return rejected(read.problem);
  const user = read.object;
  const badName = nameProblem('user', user.name);
  if (badName) return rejected(badName);
  if (!user.owner) return rejected('it names no organization');
  const globalAdministrator = user.owner === BUILT_IN_ORGANIZATION;
  if (globalAdministrator && !options.allowBuiltInUsers) {
    return rejected(
      'it would be a global administrator (organization built-in); import it with --allow-built-in-users if that is meant',
    );
  }
  const organization = await findOrganization(context.db, user.owner);
  if (!organization) return rejected(`its organization "${user.owner}" does not exist`);

  const password = await importedPassword(context, user, organization.passwordType);
  if (!password.ok) return rejected(password.problem);
  const totpSecret = user.totpSecret.replace(/\s+/g, '');
  if (totpSecret && !isUsableTotpSecret(totpSecret))
    return rejected(
      'its TOTP secret is not a base32 secret of at least 80 bits, so no code would match it (remove it, or the user, from the file)',
    );
  const secondFactorNotes = unreachableFactors(user);
  const casdoorPasskeys = (raw as { webauthnCredentials?: unknown }).webauthnCredentials;
  if (Array.isArray(casdoorPasskeys) && casdoorPasskeys.length > 0)
    secondFactorNotes.push(
      'has passkeys (WebAuthn credentials), which are not imported: the user registers them again',
    );
  const id = user.id || newId();
  const createdTime = creationTime(context, user.createdTime);
  const row = codecs.user.encode({
    ...user,
    ...password.stored,
    id,
    createdTime,
    updatedTime: user.updatedTime ? creationTime(context, user.updatedTime) : createdTime,
    accessSecret: context.secrets.seal(user.accessSecret),
    // The second factor works on the first sign-in: the secret sealed, recovery codes kept as hashes.
    totpSecret: context.secrets.seal(totpSecret),
    recoveryCodes: hashedRecoveryCodes(user.recoveryCodes),
    // Passkeys live in their own table; the user row only lists those registered here.
    webauthnCredentials: [],
  });
  return accepted({
    table: 'user',
    owner: user.owner,
    name: user.name,
    row,
    notes: [
      ...(password.note ? [password.note] : []),
      ...secondFactorNotes,
      ...(globalAdministrator ? ['imported as a global administrator (organization built-in)'] : []),
    ],
    async conflict(trx) {
      const sameId = await findUserRef(trx, 'id', id);
      if (sameId) return `its id ${id} already belongs to user ${sameId.owner}/${sameId.name}`;
      if (!user.accessKey) return undefined;
      const sameKey =
        (await findUserRef(trx, 'accessKey', user.accessKey)) ?? (await findKeyRefByAccessKey(trx, user.accessKey));
      return sameKey ? `its access key is already used by ${sameKey.owner}/${sameKey.name}` : undefined;
    },
  });
};
