import { adjustUserBalance, codecs, findRow } from '@latchkey/db';
import { Transaction, type User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { defineKind, type Trx } from '../objects/kind.ts';
import { isBuyer } from './buyer.ts';
import { addPrices, checkAmount, checkCurrency, DEFAULT_CURRENCY } from './checks.ts';

export const TRANSACTION_CATEGORIES = { purchase: 'Purchase', recharge: 'Recharge' } as const;

/**
 * Whether a transaction moves its user's balance: those tagged User do, as in Casdoor, except a
 * purchase paid through an outside payment provider (the money did not come from the balance).
 */
export const movesBalance = (transaction: Transaction) =>
  transaction.tag === 'User' &&
  !(
    transaction.category === TRANSACTION_CATEGORIES.purchase &&
    transaction.provider !== '' &&
    transaction.subtype !== 'Balance'
  );

/**
 * Moves the balance of a transaction's user by its amount (`sign` -1 undoes it), or with `apply`
 * false only checks that it could: the user exists, keeps their balance in the transaction's
 * currency (their `currency`, else USD; there is no conversion), and a debit leaves it at zero or more.
 */
export async function moveBalance(
  db: Trx | AppContext['db'],
  transaction: Transaction,
  sign: 1 | -1,
  apply = true,
): Promise<void> {
  if (!movesBalance(transaction)) return;
  const id = `${transaction.owner}/${transaction.user}`;
  const row = await findRow(db, 'user', { owner: transaction.owner, name: transaction.user });
  if (!row) throw new ApiError('commerce.buyer_not_found', { id });
  const user = codecs.user.decode(row) as User;
  const balance = user.currency || DEFAULT_CURRENCY;
  const currency = transaction.currency || DEFAULT_CURRENCY;
  if (currency !== balance) throw new ApiError('commerce.balance_currency_differs', { user: id, balance, currency });
  const delta = sign * transaction.amount;
  const after = apply
    ? await adjustUserBalance(db, transaction.owner, transaction.user, delta)
    : addPrices(user.balance, delta);
  if (delta < 0 && (after ?? 0) < 0) throw new ApiError('commerce.insufficient_balance', { user: id });
}

function checkTransaction(transaction: Transaction): Transaction {
  checkAmount(transaction.amount, 'amount');
  checkCurrency(transaction.currency);
  if (transaction.tag === 'User' && !transaction.user) throw new ApiError('commerce.transaction_user_required');
  transaction.displayName ||= transaction.name;
  return transaction;
}

/**
 * Transactions: money that moved, a purchase (negative) or a recharge (positive). One tagged User
 * moves the user's balance when it is added, changed or deleted (see movesBalance), in the same
 * database transaction as the write; a debit that would take the balance below zero is refused.
 * Users read their own.
 */
export const transactionKind = defineKind<Transaction>({
  name: 'transaction',
  schema: Transaction,
  placement: 'organization',
  audience: { list: 'admin', get: 'signedIn', write: 'admin' },
  listing: {
    filterable: {
      name: 'text',
      displayName: 'text',
      application: 'exact',
      category: 'exact',
      type: 'exact',
      subtype: 'exact',
      provider: 'exact',
      user: 'exact',
      tag: 'exact',
      currency: 'exact',
      payment: 'exact',
      state: 'exact',
    },
    sortable: ['createdTime', 'name', 'amount', 'user', 'category'],
  },
  selfOf: isBuyer,
  hooks: {
    prepareAdd: (_context, transaction) => checkTransaction(transaction),
    prepareUpdate: (_context, transaction) => checkTransaction(transaction),
    afterAdd: (trx, _context, transaction) => moveBalance(trx, transaction, 1),
    afterUpdate: async (trx, _context, next, { stored }) => {
      await moveBalance(trx, stored, -1);
      await moveBalance(trx, next, 1);
    },
    afterDelete: (trx, _context, transaction) => moveBalance(trx, transaction, -1),
  },
});
