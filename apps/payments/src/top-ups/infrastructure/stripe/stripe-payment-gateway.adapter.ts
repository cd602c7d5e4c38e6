import Stripe from 'stripe';
import { ResilientCaller } from '@sportclub/resilience';
import {
  PaymentDeclinedError,
  type ChargeRequest,
  type PaymentGateway,
  type ProviderPayment,
  type SavedMethod,
} from '../../application/ports/payment-gateway.port';

export interface StripeSettings {
  secretKey: string;
  /** Unset talks to api.stripe.com; locally the partner sandbox (`http://127.0.0.1:3100`). */
  apiUrl?: string;
}

/**
 * Stripe through its official SDK: saved cards are PaymentMethods attached to a Customer, top-ups are
 * PaymentIntents in BRL (confirmed off-session for the saga, or confirmed by the member's app with the
 * client secret). The SDK's own retries are off: the resilience layer retries with the same
 * idempotency key.
 */
export class StripePaymentGatewayAdapter implements PaymentGateway {
  readonly provider = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(
    settings: StripeSettings,
    private readonly caller: ResilientCaller,
  ) {
    const url = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 0,
      timeout: 10_000,
      ...(url && {
        host: url.hostname,
        port: url.port || (url.protocol === 'https:' ? 443 : 80),
        protocol: url.protocol.replace(':', '') as 'http' | 'https',
      }),
    });
  }

  async chargeSaved(req: ChargeRequest, method: SavedMethod): Promise<ProviderPayment> {
    try {
      const intent = await this.call(req.tenantId, 'charge', () =>
        this.stripe.paymentIntents.create(
          {
            ...this.intent(req),
            customer: method.customerRef,
            payment_method: method.methodId,
            off_session: true,
            confirm: true,
          },
          { idempotencyKey: req.idempotencyKey },
        ),
      );
      return view(intent);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        throw new PaymentDeclinedError(declineReason(error), error.payment_intent?.id);
      }
      throw error;
    }
  }

  async createCardPayment(req: ChargeRequest): Promise<ProviderPayment> {
    const intent = await this.call(req.tenantId, 'create-payment', () =>
      this.stripe.paymentIntents.create(
        { ...this.intent(req), allowed_payment_method_types: ['card'] },
        { idempotencyKey: req.idempotencyKey },
      ),
    );
    return view(intent);
  }

  async fetch(tenantId: string, providerRef: string): Promise<ProviderPayment> {
    const intent = await this.call(tenantId, 'fetch', () =>
      this.stripe.paymentIntents.retrieve(providerRef, { expand: ['latest_charge'] }),
    );
    return view(intent);
  }

  async saveMethod(tenantId: string, memberId: string, token: string): Promise<SavedMethod> {
    try {
      const customer = await this.call(tenantId, 'create-customer', () =>
        this.stripe.customers.create(
          { metadata: { tenantId, memberId } },
          { idempotencyKey: `customer:${tenantId}:${memberId}` },
        ),
      );
      const pm = await this.call(tenantId, 'attach-method', () =>
        this.stripe.paymentMethods.attach(token, { customer: customer.id }),
      );
      return { methodId: pm.id, customerRef: customer.id, brand: pm.card?.brand, last4: pm.card?.last4 };
    } catch (error) {
      if (
        error instanceof Stripe.errors.StripeCardError ||
        error instanceof Stripe.errors.StripeInvalidRequestError
      ) {
        throw new PaymentDeclinedError(`card refused: ${error.message}`);
      }
      throw error;
    }
  }

  private intent(req: ChargeRequest) {
    return {
      amount: req.amountCentavos,
      currency: 'brl',
      description: req.description,
      metadata: { tenantId: req.tenantId, paymentId: req.paymentId, memberId: req.memberId },
    };
  }

  private call<T>(tenant: string, operation: string, fn: () => Promise<T>): Promise<T> {
    return this.caller.call({ vendor: 'stripe', tenant, operation }, fn);
  }
}

function declineReason(error: InstanceType<typeof Stripe.errors.StripeCardError>): string {
  return `card declined (${error.decline_code ?? error.code ?? 'declined'}): ${error.message}`.slice(0, 500);
}

function view(intent: Stripe.PaymentIntent): ProviderPayment {
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const refunded = charge?.amount_refunded ?? 0;
  const status: ProviderPayment['status'] =
    intent.status === 'succeeded'
      ? refunded > 0
        ? 'refunded'
        : 'succeeded'
      : intent.status === 'canceled' || intent.last_payment_error
        ? 'failed'
        : 'pending';
  return {
    providerRef: intent.id,
    status,
    amountCentavos: intent.amount,
    refundedCentavos: refunded,
    ...(intent.last_payment_error && {
      reason:
        `card declined (${intent.last_payment_error.decline_code ?? intent.last_payment_error.code}): ${intent.last_payment_error.message ?? ''}`.slice(
          0,
          500,
        ),
    }),
    ...(intent.client_secret && status === 'pending' && { clientSecret: intent.client_secret }),
  };
}
