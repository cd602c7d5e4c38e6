import { Injectable } from '@nestjs/common';
import { noSuch } from './stripe.errors';
import type {
  StripeCharge,
  StripeCustomer,
  StripeEvent,
  StripePaymentIntent,
  StripePaymentMethod,
  StripeRefund,
} from './stripe.objects';
import type { CardBehaviour } from './stripe.test-cards';

/**
 * The simulated Stripe account's objects, in memory (a restart is a fresh account). Lookups throw
 * Stripe's `resource_missing` error: 404 for an id in the URL, 400 naming the body parameter it came in.
 */
@Injectable()
export class StripeStore {
  readonly customers = new Map<string, StripeCustomer>();
  readonly paymentMethods = new Map<string, StripePaymentMethod>();
  /** What charging each PaymentMethod does, remembered from the test card it was made from. */
  readonly behaviours = new Map<string, CardBehaviour>();
  readonly paymentIntents = new Map<string, StripePaymentIntent>();
  readonly charges = new Map<string, StripeCharge>();
  readonly refunds = new Map<string, StripeRefund>();
  readonly events = new Map<string, StripeEvent>();

  customer(id: string, param?: string): StripeCustomer {
    return found(this.customers.get(id), 'customer', id, param);
  }

  paymentMethod(id: string, param?: string): StripePaymentMethod {
    return found(this.paymentMethods.get(id), 'PaymentMethod', id, param);
  }

  paymentIntent(id: string, param?: string): StripePaymentIntent {
    return found(this.paymentIntents.get(id), 'payment_intent', id, param, 'intent');
  }

  charge(id: string, param?: string): StripeCharge {
    return found(this.charges.get(id), 'charge', id, param);
  }

  refund(id: string, param?: string): StripeRefund {
    return found(this.refunds.get(id), 'refund', id, param);
  }

  event(id: string): StripeEvent {
    return found(this.events.get(id), 'event', id, undefined);
  }
}

function found<T>(value: T | undefined, what: string, id: string, param?: string, urlParam?: string): T {
  if (value === undefined) throw noSuch(what, id, param, urlParam);
  return value;
}
