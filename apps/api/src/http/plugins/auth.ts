import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { type Audience, type AudienceIdentity, enforceAudience } from '../../core/identity/privileges.ts';
import { identityOf } from '../resolve-identity.ts';
import { routeSecurity } from '../security-schemes.ts';

/**
 * Routes say who may call them, next to their registration: `{ anyone: true }`, `{ signedIn: true }`
 * (a user or an application), `{ user: true }` (a signed-in user), `{ admin: true }` (an organization
 * or global administrator) or `{ globalAdmin: true }`; or, where the audience is data (an object
 * kind's), `{ audience: 'admin' }`. The caller's identity is resolved once and handed to the handler
 * as `identity`, typed by the audience (an `audience` value gives the widest, Identity); which
 * organization it may touch is checked in the service. Each macro also writes into the route's
 * `detail` which credentials it accepts, for the OpenAPI document.
 */
export function auth(context: AppContext) {
  const admitting = <A extends Audience>(audience: A) => ({
    detail: routeSecurity(audience),
    async resolve({ request }: { request: Request }): Promise<{ identity: AudienceIdentity[A] }> {
      const identity = await identityOf(context, request);
      enforceAudience(identity, audience);
      return { identity };
    },
  });
  return new Elysia({ name: 'auth' }).macro({
    anyone: admitting('anyone'),
    signedIn: admitting('signedIn'),
    user: admitting('user'),
    admin: admitting('admin'),
    globalAdmin: admitting('globalAdmin'),
    audience: (audience: Audience) => admitting(audience),
  });
}
