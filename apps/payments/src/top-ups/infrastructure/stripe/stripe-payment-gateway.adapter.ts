import Stripe from 'stripe';
import { ResilientCaller } from '@sportclub/resilience';
import {
  PaymentDeclinedError,
  PaymentRequestInvalidError,
  type ChargeRequest,
  type PaymentGateway,
  type ProviderPayment,
  type SavedMethod,
} from '../../application/ports/payment-gateway.port';

export interface StripeSettings {
  /** The provider's smallest charge in centavos. */
  minimumChargeCentavos: number;
  secretKey: string;
  /** Unset talks to api.stripe.com; locally the partner sandbox (`http://127.0.0.1:3100`). */
  apiUrl?: string;
  /** The SDK's transport (its fetch client over this function); unset, Node's own HTTP client. */
  fetch?: typeof fetch;
}

/**
 * Stripe through its official SDK: saved cards are PaymentMethods attached to a Customer, top-ups are
 * PaymentIntents in BRL (confirmed off-session for the saga, or confirmed by the member's app with the
 * client secret). The SDK's own retries are off: the resilience layer retries with the same
 * idempotency key. Stripe's answers are classified for the caller: a card error is a decline, an
 * `invalid_request_error` (or an idempotency key reused with other parameters) a request Stripe will
 * never accept; everything else is an outage.
 */
export class StripePaymentGatewayAdapter implements PaymentGateway {
  readonly provider = 'stripe' as const;
  readonly minimumChargeCentavos: number;
  private readonly stripe: Stripe;

  constructor(
    settings: StripeSettings,
    private readonly caller: ResilientCaller,
  ) {
    this.minimumChargeCentavos = settings.minimumChargeCentavos;
    const url = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 0,
      timeout: 10_000,
      ...(url && {
        host: url.hostname,
        port: url.port || (url.protocol === 'https:' ? 443 : 80),
        protocol: url.protocol.replace(':', '') as 'http' | 'https',
      }),
      ...(settings.fetch && { httpClient: Stripe.createFetchHttpClient(settings.fetch) }),
    });
  }

  async chargeSaved(req: ChargeRequest, method: SavedMethod): Promise<ProviderPayment> {
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
      // An unknown or unusable card token is the member's to fix: the card is refused.
      if (error instanceof PaymentDeclinedError || error instanceof PaymentRequestInvalidError) {
        throw new PaymentDeclinedError(`card refused: ${(error.cause as Error).message}`);
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
    return this.caller.call({ vendor: 'stripe', tenant, operation }, fn).catch(classify);
  }
}

/** Stripe's error classes in this platform's terms; what is not a definite refusal passes unchanged. */
function classify(error: unknown): never {
  if (error instanceof Stripe.errors.StripeCardError) {
    throw new PaymentDeclinedError(declineReason(error), error.payment_intent?.id, error);
  }
  // An idempotency error is the same key sent with other parameters (400). The same request still
  // running answers 409, which the SDK raises as a StripeAPIError: an outage, tried again.
  const definite =
    error instanceof Stripe.errors.StripeInvalidRequestError ||
    error instanceof Stripe.errors.StripeIdempotencyError;
  if (definite) {
    const detail = [error.code, error.param && `param ${error.param}`].filter(Boolean).join(', ');
    throw new PaymentRequestInvalidError(
      `stripe refused the request (${detail || error.type}): ${error.message}`.slice(0, 500),
      error.payment_intent?.id,
      error,
    );
  }
  throw error;
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
