import { type Static, Type as T } from '@sinclair/typebox';
import { flag, text, whole } from './fields.ts';

/** Casdoor's invitation: a code that lets people sign up to an organization, a number of times. */
export const Invitation = T.Object({
  owner: text('The organization'),
  name: text(),
  createdTime: text(),
  updatedTime: text(),
  displayName: text(),
  code: text('What people type (or follow in a link) to sign up; a regular expression (RE2) matches many codes'),
  isRegexp: flag('Whether the code is a regular expression (kept by the server)'),
  quota: whole(1, 'How many sign-ups the code allows'),
  usedCount: whole(0, 'How many sign-ups used it (kept by the server)'),
  application: text('The application it signs up to; "All" or empty: any application of the organization'),
  username: text('The only username it allows, when set'),
  email: text('The only email address it allows, when set'),
  phone: text('The only phone number it allows, when set'),
  signupGroup: text('The group (name) new users join'),
  defaultCode: text('A code that the code matches, shown in links (for a regular expression)'),
  state: text('Active or Suspended'),
  expireTime: text('Latchkey addition: RFC 3339 time after which the code no longer works; empty: never'),
});

export type Invitation = Static<typeof Invitation>;
