import { User } from '@latchkey/types';

/**
 * The user fields a syncer may fill, by Casdoor's names for them (the Go field names: `Name`,
 * `DisplayName`, `IsAdmin` …). These are the fields an organization's administrator may write on
 * add-user and update-user, plus the stored form of a password (`Password`, `PasswordType`,
 * `PasswordSalt`, handled in passwords.ts). What the server keeps itself — sign-in history, second
 * factors, hashes, access keys, creation times — is not syncable.
 */
const SYNCABLE = [
  'Name',
  'Id',
  'ExternalId',
  'Type',
  'DisplayName',
  'FirstName',
  'LastName',
  'Avatar',
  'AvatarType',
  'PermanentAvatar',
  'Email',
  'EmailVerified',
  'Phone',
  'CountryCode',
  'Region',
  'Location',
  'Address',
  'Affiliation',
  'Title',
  'IdCardType',
  'IdCard',
  'Homepage',
  'Bio',
  'Tag',
  'Language',
  'Gender',
  'Birthday',
  'Education',
  'Score',
  'Karma',
  'Ranking',
  'IsDefaultAvatar',
  'IsAdmin',
  'IsForbidden',
  'SignupApplication',
] as const;

/** The stored form of a password, read from the table and kept apart from the other fields. */
export const PASSWORD_FIELDS = {
  Password: 'password',
  PasswordType: 'passwordType',
  PasswordSalt: 'passwordSalt',
} as const;

/** User fields by which a table row finds its user again. */
export const KEY_FIELDS = ['name', 'id', 'externalId', 'email', 'phone'] as const;

/** `DisplayName` → `displayName`, `IdCard` → `idCard`. */
const fieldOf = (casdoorName: string) => casdoorName.charAt(0).toLowerCase() + casdoorName.slice(1);

/** The Latchkey user field a Casdoor name fills, or undefined when a syncer may not fill it. */
export function syncableField(casdoorName: string): string | undefined {
  if ((SYNCABLE as readonly string[]).includes(casdoorName)) return fieldOf(casdoorName);
  return (PASSWORD_FIELDS as Record<string, string>)[casdoorName];
}

const properties = User.properties as Record<string, { type?: string }>;

const TRUE = new Set(['1', 't', 'true', 'y', 'yes', 'on']);

/**
 * A field's value from the text a table gave (Postgres `::text`): flags from 1/0, true/false,
 * t/f; numbers as whole numbers (anything else is 0, as Casdoor's ParseInt gives); an address as one line.
 */
export function fieldValue(field: string, text: string): unknown {
  switch (properties[field]?.type) {
    case 'boolean':
      return TRUE.has(text.trim().toLowerCase());
    case 'integer': {
      const number = Number.parseInt(text.trim(), 10);
      return Number.isSafeInteger(number) ? number : 0;
    }
    case 'array':
      return text ? [text] : [];
    default:
      return text;
  }
}
