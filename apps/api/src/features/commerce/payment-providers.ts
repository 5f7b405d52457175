import { findProvidersNamed } from '@latchkey/db';
import type { Product, Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';

/** What a payment provider answers when asked to take a payment. */
export interface PayAnswer {
  /** Where the payer goes to pay. */
  payUrl: string;
  /** The provider's reference for the payment. */
  outOrderId: string;
  /** Casdoor's `attachInfo` (data2 of the answer): extra data some providers give; none here. */
  attachInfo: Record<string, unknown> | null;
}

/** What a provider says of a payment when told it happened. */
export interface PaidAnswer {
  price: number;
  currency: string;
}

interface PaymentDriver {
  /** Paid as soon as it is made (from the buyer's balance), rather than once the provider confirms it. */
  instant: boolean;
  pay(request: { price: number; currency: string; returnUrl: string; owner: string; paymentName: string }): PayAnswer;
  /** Reads the provider's reference back; throws (with the text kept in the payment's message) when it does not hold. */
  confirm(outOrderId: string): PaidAnswer;
}

/**
 * Casdoor's Dummy provider: no money moves. Paying answers the return URL as the pay URL and keeps
 * the price and currency in the reference; confirming (notify-payment) reads them back, so the
 * payment is paid at the price it was made with.
 */
const dummy: PaymentDriver = {
  instant: false,
  pay: ({ price, currency, returnUrl }) => ({
    payUrl: returnUrl,
    outOrderId: JSON.stringify({ price, currency, productDisplayName: '' }),
    attachInfo: null,
  }),
  confirm: (outOrderId) => {
    const info = (outOrderId ? JSON.parse(outOrderId) : {}) as Partial<PaidAnswer>;
    return { price: Number(info.price ?? 0), currency: String(info.currency ?? '') };
  },
};

/**
 * Casdoor's Balance provider: the buyer pays from their balance. The payment is paid when it is
 * made — the purchase transaction debits the balance, which may not fall below zero — so there is
 * nothing to confirm later.
 */
const balance: PaymentDriver = {
  instant: true,
  pay: ({ returnUrl, owner, paymentName }) => ({
    payUrl: returnUrl,
    outOrderId: `${owner}/${paymentName}`,
    attachInfo: null,
  }),
  confirm: () => {
    throw new ApiError('commerce.provider_not_supported', { type: 'Balance' });
  },
};

const PAYMENT_CATEGORY = 'Payment';
const drivers: Record<string, PaymentDriver> = { Dummy: dummy, Balance: balance };

/** The driver of a payment provider: Dummy and Balance are served, every other type is refused by name. */
export function paymentDriver(provider: Provider): PaymentDriver {
  const driver = provider.category === PAYMENT_CATEGORY ? drivers[provider.type] : undefined;
  if (driver) return driver;
  throw new ApiError('commerce.provider_not_supported', { type: provider.type || provider.category || provider.name });
}

/** A provider an organization may use by name: its own, else a global one. */
export async function findPaymentProvider(
  context: AppContext,
  organization: string,
  name: string,
): Promise<Provider | undefined> {
  const found = await findProvidersNamed(context.db, name, organization);
  return found.find((provider) => provider.owner === organization) ?? found[0];
}

/** The provider a product is paid through: one it offers, that exists. */
export async function productProvider(context: AppContext, product: Product, name: string): Promise<Provider> {
  if (!name || !product.providers.includes(name))
    throw new ApiError('commerce.provider_not_offered', { name, product: product.name });
  const provider = await findPaymentProvider(context, product.owner, name);
  if (!provider) throw new ApiError('commerce.provider_not_found', { name });
  return provider;
}
