import {
  codecs,
  findKeyRefByAccessKey,
  findOrganization,
  findUserByLink,
  findUserRef,
  findWebauthnCredential,
  insertWebauthnCredential,
  LINK_COLUMNS,
  type WebauthnCredentialRecord,
} from '@latchkey/db';
import { translate } from '@latchkey/i18n';
import { type Organization, User } from '@latchkey/types';
import { BUILT_IN_ORGANIZATION } from '../../core/built-in-names.ts';
import type { AppContext } from '../../core/context.ts';
import { newId } from '../../core/crypto/random.ts';
import { hashedRecoveryCodes } from '../../core/mfa/recovery-codes.ts';
import { isUsableTotpSecret } from '../../core/mfa/totp.ts';
import { passwordComplexityProblem } from '../../core/passwords/complexity.ts';
import { hashCostProblem } from '../../core/passwords/hash-cost.ts';
import type { StoredPassword } from '../../core/passwords/hasher.ts';
import { summaryOf } from '../../features/passkeys/credentials.ts';
import { casdoorPasskeys } from './casdoor-passkeys.ts';
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
 * text password (type "plain") must follow the organization's password rules, as one set through
 * the API does, and is hashed with argon2id now, so it never rests in clear text.
 */
async function importedPassword(context: AppContext, user: User, organization: Organization): Promise<PasswordOutcome> {
  if (user.password === '') return { ok: true, stored: { password: '', passwordType: '', passwordSalt: '' } };
  if (user.password === '***') {
    return {
      ok: true,
      stored: { password: '', passwordType: '', passwordSalt: '' },
      note: 'imported without a password: the file has it masked as "***"',
    };
  }
  const type = user.passwordType || organization.passwordType || 'plain';
  if (type === 'plain') {
    const problem = passwordComplexityProblem(user.password, organization.passwordOptions);
    if (problem)
      return {
        ok: false,
        problem: `its plain-text password breaks the organization's rules: ${translate('en', problem)}`,
      };
    return { ok: true, stored: await context.passwords.hash(user.password) };
  }
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
  // Casdoor's passkeys are go-webauthn credentials, not the summaries the user object lists: read apart.
  const { webauthnCredentials: casdoorCredentials, ...fields } = raw as Record<string, unknown>;
  const read = readFields(User, fields);
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

  const password = await importedPassword(context, user, organization);
  if (!password.ok) return rejected(password.problem);
  const totpSecret = user.totpSecret.replace(/\s+/g, '');
  if (totpSecret && !isUsableTotpSecret(totpSecret))
    return rejected(
      'its TOTP secret is not a base32 secret of at least 80 bits, so no code would match it (remove it, or the user, from the file)',
    );
  const secondFactorNotes = unreachableFactors(user);
  const imported = casdoorPasskeys(casdoorCredentials);
  secondFactorNotes.push(...imported.notes);
  if (imported.passkeys.length > 0)
    secondFactorNotes.push(
      `has ${imported.passkeys.length} passkey(s), imported: they work where Latchkey's origin has the host name Casdoor's had (the relying party), and a password sign-in now asks for one as the second factor`,
    );
  const id = user.id || newId();
  const createdTime = creationTime(context, user.createdTime);
  const passkeys: WebauthnCredentialRecord[] = imported.passkeys.map((passkey) => ({
    ...passkey,
    userId: id,
    owner: user.owner,
    createdTime,
  }));
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
    // Passkeys live in their own table (written with the user); the user row lists them without their keys.
    webauthnCredentials: passkeys.map(summaryOf),
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
      for (const column of LINK_COLUMNS) {
        const linked = user[column];
        const holder = linked ? await findUserByLink(trx, user.owner, column, linked) : undefined;
        if (holder) return `its ${column} account ${linked} is already linked to user ${holder.owner}/${holder.name}`;
      }
      for (const passkey of passkeys)
        if (await findWebauthnCredential(trx, passkey.id))
          return `its passkey ${passkey.id} is already registered to another user`;
      if (!user.accessKey) return undefined;
      const sameKey =
        (await findUserRef(trx, 'accessKey', user.accessKey)) ?? (await findKeyRefByAccessKey(trx, user.accessKey));
      return sameKey ? `its access key is already used by ${sameKey.owner}/${sameKey.name}` : undefined;
    },
    async writeRelated(trx) {
      for (const passkey of passkeys) await insertWebauthnCredential(trx, passkey);
    },
  });
};
