import { codecs, findRow } from '@latchkey/db';
import type { Order, Payment } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { canAdminister, notAllowed, requireSignedIn } from '../../core/identity/privileges.ts';
import { parseId } from '../objects/id.ts';
import { mayActFor } from './buyer.ts';

/** Only the organization's own users and its administrators hear whether one of its orders or payments exists. */
function requireInsider(identity: Identity, organization: string): void {
  requireSignedIn(identity);
  const member = identity.kind === 'user' && identity.organization === organization;
  if (!member && !canAdminister(identity, organization)) throw notAllowed();
}

/** An order or payment by id that the caller may act on: its buyer's, or one of an organization they administer. */
async function findOwned<O extends Order | Payment>(
  context: AppContext,
  identity: Identity,
  table: 'order' | 'payment',
  owner: string,
  name: string,
): Promise<O> {
  requireInsider(identity, owner);
  const row = await findRow(context.db, table, { owner, name });
  if (!row)
    throw new ApiError(table === 'order' ? 'commerce.order_not_found' : 'commerce.payment_not_found', {
      id: `${owner}/${name}`,
    });
  const object = codecs[table].decode(row) as O;
  if (!mayActFor(identity, object)) throw notAllowed();
  return object;
}

export function findOwnedOrder(context: AppContext, identity: Identity, id: string): Promise<Order> {
  const { owner, name } = parseId(id);
  return findOwned<Order>(context, identity, 'order', owner, name);
}

export function findOwnedPayment(
  context: AppContext,
  identity: Identity,
  owner: string,
  name: string,
): Promise<Payment> {
  return findOwned<Payment>(context, identity, 'payment', owner, name);
}

/** The caller may read a user's orders or payments: the user themselves, or an administrator of their organization. */
export function requireBuyerOrAdmin(identity: Identity, owner: string, user: string): void {
  requireSignedIn(identity);
  if (!mayActFor(identity, { owner, user })) throw notAllowed();
}
