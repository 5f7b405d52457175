import { type Static, Type as T } from '@sinclair/typebox';
import { text, texts } from './fields.ts';

/** Casdoor's session object: the sign-in sessions of one user in one application. */
export const Session = T.Object({
  owner: text('The organization'),
  name: text('The user'),
  application: text(),
  createdTime: text(),
  sessionId: texts(),
});

export type Session = Static<typeof Session>;
