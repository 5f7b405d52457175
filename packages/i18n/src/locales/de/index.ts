import type { LocaleMessages } from '../../types.ts';
import auth from './auth.ts';
import general from './general.ts';
import oauth from './oauth.ts';
import object from './object.ts';
import portal from './portal.ts';
import mfa from './mfa.ts';

export const de = { general, auth, object, oauth, portal, mfa } satisfies LocaleMessages;
