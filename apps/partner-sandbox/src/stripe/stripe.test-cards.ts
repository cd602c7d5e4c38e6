import { createHash } from 'node:crypto';
import type { CardDetails } from './stripe.objects';

/** What charging a card does: succeed, or fail with Stripe's decline code and customer-facing message. */
export type CardBehaviour =
  { outcome: 'succeed' } | { outcome: 'decline'; declineCode: string; message: string };

interface TestCard {
  brand: string;
  last4: string;
  funding: 'credit' | 'debit';
  behaviour: CardBehaviour;
}

/**
 * Stripe's test PaymentMethod aliases (`pm_card_*`) and what charging each does. Using one creates a new
 * `pm_…` that keeps the card's behaviour, as the real test mode does. Unlike real Stripe, the declining
 * cards attach to customers successfully, so an off-session charge can be made to fail.
 */
export const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: { brand: 'visa', last4: '4242', funding: 'credit', behaviour: { outcome: 'succeed' } },
  pm_card_visa_debit: {
    brand: 'visa',
    last4: '5556',
    funding: 'debit',
    behaviour: { outcome: 'succeed' },
  },
  pm_card_mastercard: {
    brand: 'mastercard',
    last4: '4444',
    funding: 'credit',
    behaviour: { outcome: 'succeed' },
  },
  pm_card_chargeDeclined: {
    brand: 'visa',
    last4: '0002',
    funding: 'credit',
    behaviour: { outcome: 'decline', declineCode: 'generic_decline', message: 'Your card was declined.' },
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: 'visa',
    last4: '9995',
    funding: 'credit',
    behaviour: {
      outcome: 'decline',
      declineCode: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    },
  },
  pm_card_chargeCustomerFail: {
    brand: 'visa',
    last4: '0341',
    funding: 'credit',
    behaviour: { outcome: 'decline', declineCode: 'generic_decline', message: 'Your card was declined.' },
  },
};

export const isTestCard = (id: string): boolean => Object.hasOwn(TEST_CARDS, id);

export function cardDetails(alias: string): CardDetails {
  const card = TEST_CARDS[alias];
  return {
    brand: card.brand,
    display_brand: card.brand,
    last4: card.last4,
    exp_month: 12,
    exp_year: new Date().getUTCFullYear() + 3,
    funding: card.funding,
    country: 'US',
    // Stable per card number, as Stripe's is: integrations use it to spot the same card twice.
    fingerprint: createHash('sha256').update(alias).digest('base64url').slice(0, 16),
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
    networks: { available: [card.brand], preferred: null },
  };
}
