import { createHash } from 'node:crypto';
import { ResilientCaller } from '@sportclub/resilience';
import {
  PaymentDeclinedError,
  PaymentRequestInvalidError,
  type ChargeRequest,
  type PaymentGateway,
  type ProviderPayment,
  type SavedMethod,
} from '../../application/ports/payment-gateway.port';

export interface PagSeguroSettings {
  /** The provider's smallest charge in centavos. */
  minimumChargeCentavos: number;
  token: string;
  /** Unset talks to api.pagseguro.com; locally the partner sandbox (`http://127.0.0.1:3100/pagseguro`). */
  apiUrl?: string;
  /** Where PagBank notifies charge changes (this service's `/webhooks/pagseguro`). */
  notificationUrl?: string;
  /** The HTTP client; unset, Node's global fetch (a spec hands in its own). */
  fetch?: typeof fetch;
}

interface Charge {
  id: string;
  status: 'AUTHORIZED' | 'PAID' | 'IN_ANALYSIS' | 'DECLINED' | 'CANCELED' | 'WAITING';
  amount: { value: number; summary?: { paid?: number; refunded?: number } };
  payment_response?: { code?: string; message?: string };
}

interface ErrorBody {
  error_messages?: { code?: string; description?: string; parameter_name?: string }[];
}

/** A non-2xx answer; `status` is what the resilience layer judges retries by. */
class PagSeguroHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`PagSeguro answered ${status}: ${body.slice(0, 300)}`);
  }

  /** PagBank's `error_messages` as one line: `40002 amount.value: must be between 100 and 999999900`. */
  messages(): string {
    try {
      const parsed = JSON.parse(this.body) as ErrorBody;
      return (parsed.error_messages ?? [])
        .map((m) =>
          [m.code, m.parameter_name && `${m.parameter_name}:`, m.description].filter(Boolean).join(' '),
        )
        .join('; ');
    } catch {
      return this.body.slice(0, 300);
    }
  }
}

/**
 * PagBank (PagSeguro) charges API over plain HTTP — there is no maintained official Node SDK. Saved
 * cards are PagBank card ids; every charge carries `x-idempotency-key`. A declined card is a `DECLINED`
 * charge (201); a 400, 409 or 422 is a request PagBank will never accept; anything else is an outage.
 */
export class PagSeguroPaymentGatewayAdapter implements PaymentGateway {
  readonly provider = 'pagseguro' as const;
  readonly minimumChargeCentavos: number;
  private readonly baseUrl: string;
  private readonly http: typeof fetch;

  constructor(
    private readonly settings: PagSeguroSettings,
    private readonly caller: ResilientCaller,
  ) {
    this.minimumChargeCentavos = settings.minimumChargeCentavos;
    this.baseUrl = (settings.apiUrl ?? 'https://api.pagseguro.com').replace(/\/$/, '');
    this.http = settings.fetch ?? ((input, init) => fetch(input, init));
  }

  async chargeSaved(req: ChargeRequest, method: SavedMethod): Promise<ProviderPayment> {
    const charge = await this.request<Charge>(
      req.tenantId,
      'charge',
      'POST',
      '/charges',
      req.idempotencyKey,
      {
        reference_id: fit64(req.paymentId),
        description: req.description.slice(0, 64),
        amount: { value: req.amountCentavos, currency: 'BRL' },
        payment_method: {
          type: 'CREDIT_CARD',
          installments: 1,
          capture: true,
          card: { id: method.methodId },
        },
        metadata: { tenant_id: req.tenantId, payment_id: req.paymentId, member_id: req.memberId },
        ...(this.settings.notificationUrl && { notification_urls: [this.settings.notificationUrl] }),
      },
    );
    return view(charge);
  }

  async fetch(tenantId: string, providerRef: string): Promise<ProviderPayment> {
    return view(
      await this.request<Charge>(tenantId, 'fetch', 'GET', `/charges/${encodeURIComponent(providerRef)}`),
    );
  }

  /** The card id PagBank gave the app when it stored the card (its tokenisation runs client side). */
  async saveMethod(_tenantId: string, _memberId: string, token: string): Promise<SavedMethod> {
    if (!/^[\w-]{1,100}$/.test(token)) throw new PaymentDeclinedError('not a PagBank card id');
    return { methodId: token };
  }

  private request<T>(
    tenant: string,
    operation: string,
    method: 'GET' | 'POST',
    path: string,
    idempotencyKey?: string,
    body?: unknown,
  ): Promise<T> {
    const attempt = this.caller.call({ vendor: 'pagseguro', tenant, operation }, async (signal) => {
      const res = await this.http(`${this.baseUrl}${path}`, {
        method,
        signal,
        headers: {
          authorization: `Bearer ${this.settings.token}`,
          'content-type': 'application/json',
          ...(idempotencyKey && { 'x-idempotency-key': idempotencyKey }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new PagSeguroHttpError(res.status, text);
      return JSON.parse(text) as T;
    });
    return attempt.catch(classify);
  }
}

/**
 * PagBank takes at most 64 characters in `reference_id` and `description`. A longer payment id becomes
 * its SHA-256 (64 hex digits, still one per payment); the full id travels in `metadata`.
 */
function fit64(id: string): string {
  return id.length <= 64 ? id : createHash('sha256').update(id).digest('hex');
}

/** A 4xx PagBank will answer the same way again is a definite refusal; the rest passes unchanged. */
function classify(error: unknown): never {
  if (!(error instanceof PagSeguroHttpError) || ![400, 402, 409, 422].includes(error.status)) throw error;
  const reason = `pagseguro refused the request (${error.status}): ${error.messages()}`.slice(0, 500);
  throw error.status === 402
    ? new PaymentDeclinedError(reason, undefined, error)
    : new PaymentRequestInvalidError(reason, undefined, error);
}

function view(c: Charge): ProviderPayment {
  const refunded = c.amount.summary?.refunded ?? 0;
  const status: ProviderPayment['status'] =
    c.status === 'PAID'
      ? refunded > 0
        ? 'refunded'
        : 'succeeded'
      : c.status === 'CANCELED' && refunded > 0
        ? 'refunded'
        : c.status === 'DECLINED' || c.status === 'CANCELED'
          ? 'failed'
          : 'pending';
  return {
    providerRef: c.id,
    status,
    amountCentavos: c.amount.value,
    refundedCentavos: refunded,
    ...(status === 'failed' && {
      reason:
        `charge ${c.status.toLowerCase()} (${c.payment_response?.code ?? '-'}): ${c.payment_response?.message ?? ''}`.slice(
          0,
          500,
        ),
    }),
  };
}
