import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { enforceAudience, requireSignedIn, requireUser } from '../../core/identity/privileges.ts';
import type { Identity, SignedInIdentity, UserIdentity } from '../../core/identity/identity.ts';
import { identityOf } from '../resolve-identity.ts';
import { routeSecurity } from '../security-schemes.ts';

/**
 * Routes say who may call them, next to their registration: `{ anyone: true }`, `{ signedIn: true }`
 * (a user or an application), `{ user: true }` (a signed-in user), `{ admin: true }` (an organization
 * or global administrator) or `{ globalAdmin: true }`. The caller's identity is resolved once and
 * handed to the handler as `identity`; which organization it may touch is checked in the service.
 * Each macro also writes into the route's `detail` which credentials it accepts, for the OpenAPI
 * document.
 */
export function auth(context: AppContext) {
  return new Elysia({ name: 'auth' }).macro({
    anyone: {
      detail: routeSecurity('anyone'),
      async resolve({ request }): Promise<{ identity: Identity }> {
        return { identity: await identityOf(context, request) };
      },
    },
    signedIn: {
      detail: routeSecurity('signedIn'),
      async resolve({ request }): Promise<{ identity: SignedInIdentity }> {
        const identity = await identityOf(context, request);
        requireSignedIn(identity);
        return { identity };
      },
    },
    user: {
      detail: routeSecurity('user'),
      async resolve({ request }): Promise<{ identity: UserIdentity }> {
        const identity = await identityOf(context, request);
        requireUser(identity);
        return { identity };
      },
    },
    admin: {
      detail: routeSecurity('admin'),
      async resolve({ request }): Promise<{ identity: SignedInIdentity }> {
        const identity = await identityOf(context, request);
        enforceAudience(identity, 'admin');
        return { identity: identity as SignedInIdentity };
      },
    },
    globalAdmin: {
      detail: routeSecurity('globalAdmin'),
      async resolve({ request }): Promise<{ identity: SignedInIdentity }> {
        const identity = await identityOf(context, request);
        enforceAudience(identity, 'globalAdmin');
        return { identity: identity as SignedInIdentity };
      },
    },
  });
}
