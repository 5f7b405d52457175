import auth from './auth.ts';
import captcha from './captcha.ts';
import commerce from './commerce.ts';
import federation from './federation.ts';
import general from './general.ts';
import invitation from './invitation.ts';
import mfa from './mfa.ts';
import oauth from './oauth.ts';
import object from './object.ts';
import passkey from './passkey.ts';
import portal from './portal.ts';
import resource from './resource.ts';
import service from './service.ts';
import syncer from './syncer.ts';
import verification from './verification.ts';

/** The English messages: the source every other locale is checked against. */
export const en = {
  general,
  auth,
  object,
  oauth,
  portal,
  service,
  resource,
  syncer,
  mfa,
  passkey,
  commerce,
  invitation,
  captcha,
  verification,
  federation,
};
