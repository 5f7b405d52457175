import { type Static, Type as T } from '@sinclair/typebox';
import { dictionary, flag, list, nullable, text, texts, whole } from './fields.ts';

export const ThemeData = T.Object({
  themeType: text(),
  colorPrimary: text(),
  borderRadius: whole(),
  isCompact: flag(),
  isEnabled: flag(),
});

export const AccountItem = T.Object({
  name: text(),
  visible: flag(),
  viewRule: text(),
  modifyRule: text(),
});

export const MfaItem = T.Object({ name: text(), rule: text() });

export const Organization = T.Object({
  owner: text('Always "admin"'),
  name: text(),
  createdTime: text(),
  displayName: text(),
  websiteUrl: text(),
  logo: text(),
  logoDark: text(),
  favicon: text(),
  passwordType: text('How new passwords are stored; Latchkey always hashes new passwords with argon2id'),
  passwordSalt: text(),
  passwordOptions: texts(),
  passwordObfuscatorType: text(),
  passwordObfuscatorKey: text(),
  passwordExpireDays: whole(),
  tokenRetentionDays: whole(0, 'Days an expired token is kept before it is deleted; 0 means 30'),
  countryCodes: texts(),
  defaultAvatar: text(),
  defaultApplication: text(),
  userTypes: texts(),
  tags: texts(),
  languages: texts(),
  themeData: nullable(ThemeData),
  initScore: whole(),
  enableSoftDeletion: flag(),
  isProfilePublic: flag(),
  useEmailAsUsername: flag(),
  disableSignin: flag(),
  ipWhitelist: text(),
  hasPrivilegeConsent: flag(),
  defaultTokenFormat: text(),
  mfaItems: list(MfaItem),
  accountItems: list(AccountItem),
  properties: dictionary(),
});

export type Organization = Static<typeof Organization>;
