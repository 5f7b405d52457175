import type * as Casbin from 'casbin';

/**
 * casbin, loaded the first time a model is read or a policy is enforced: a server whose
 * applications use no Casbin model never needs it. `require` keeps the loading synchronous for the
 * checks that read a model text.
 */
export const casbin = (): typeof Casbin => require('casbin');
