import type { LocaleMessages } from '../../types.ts';
import auth from './auth.ts';
import commerce from './commerce.ts';
import federation from './federation.ts';
import general from './general.ts';
import mfa from './mfa.ts';
import oauth from './oauth.ts';
import object from './object.ts';
import portal from './portal.ts';
import resource from './resource.ts';
import service from './service.ts';
import syncer from './syncer.ts';

export const es = {
  general,
  auth,
  object,
  oauth,
  portal,
  service,
  resource,
  syncer,
  mfa,
  commerce,
  federation,
} satisfies LocaleMessages;
