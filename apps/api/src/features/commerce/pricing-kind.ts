import { Pricing } from '@latchkey/types';
import { defineKind } from '../objects/kind.ts';
import { checkQuantity } from './checks.ts';

/** The longest trial a pricing may offer, in days. */
const MAX_TRIAL_DAYS = 3650;

function checkPricing(pricing: Pricing): Pricing {
  checkQuantity(pricing.trialDuration, 'trialDuration', 0, MAX_TRIAL_DAYS);
  return pricing;
}

/** Pricings: the plans an application offers its users to choose from, with an optional trial (in days). */
export const pricingKind = defineKind<Pricing>({
  name: 'pricing',
  schema: Pricing,
  placement: 'organization',
  listing: {
    filterable: { name: 'text', displayName: 'text', application: 'exact', isEnabled: 'flag' },
    sortable: ['createdTime', 'name', 'displayName'],
  },
  hooks: {
    prepareAdd: (_context, pricing) => checkPricing(pricing),
    prepareUpdate: (_context, pricing) => checkPricing(pricing),
  },
  references: [{ table: 'subscription', column: 'pricing', holds: 'name', within: 'owner' }],
});
