import { MercadoPagoConfig, MercadoPagoError, Payment } from 'mercadopago';
import { AppConfig } from 'mercadopago/dist/utils/config';
import type { PaymentResponse } from 'mercadopago/dist/clients/payment/commonTypes';
import { ResilientCaller } from '@sportclub/resilience';
import {
  PaymentDeclinedError,
  PaymentRequestInvalidError,
  type ChargeRequest,
  type PaymentGateway,
  type ProviderPayment,
  type SavedMethod,
} from '../../application/ports/payment-gateway.port';

export interface MercadoPagoSettings {
  /** The provider's smallest charge in centavos. */
  minimumChargeCentavos: number;
  accessToken: string;
  /** Unset talks to api.mercadopago.com; locally the partner sandbox (`http://127.0.0.1:3100/mercadopago`). */
  apiUrl?: string;
  /** Where Mercado Pago notifies payment changes (this service's `/webhooks/mercadopago`). */
  notificationUrl?: string;
}

/** The part of the SDK's Payment client this adapter uses (a spec hands in its own). */
export type MercadoPagoPayments = Pick<Payment, 'create' | 'get'>;

/**
 * Mercado Pago through its official SDK: Pix charges (pending with a QR code until paid) and card
 * payments with a card token. Amounts are reais with two decimals at the API, centavos here. The SDK's
 * base URL is a process-wide setting (`AppConfig.BASE_URL`), so one deployment talks to one Mercado
 * Pago; its own retries are off (the resilience layer retries with the same idempotency key). A 400,
 * 409 or 422 is a request Mercado Pago will never accept, a 402 a refused payment; a rejected card comes
 * back as a `rejected` payment, not an error.
 */
export class MercadoPagoPaymentGatewayAdapter implements PaymentGateway {
  readonly provider = 'mercadopago' as const;
  readonly minimumChargeCentavos: number;
  private readonly payments: MercadoPagoPayments;

  constructor(
    private readonly settings: MercadoPagoSettings,
    private readonly caller: ResilientCaller,
    payments?: MercadoPagoPayments,
  ) {
    this.minimumChargeCentavos = settings.minimumChargeCentavos;
    if (settings.apiUrl) (AppConfig as { BASE_URL: string }).BASE_URL = settings.apiUrl.replace(/\/$/, '');
    this.payments =
      payments ??
      new Payment(
        new MercadoPagoConfig({
          accessToken: settings.accessToken,
          options: { timeout: 10_000, maxRetries: 0 },
        }),
      );
  }

  chargeSaved(req: ChargeRequest, method: SavedMethod): Promise<ProviderPayment> {
    return this.create(req, 'charge', {
      payment_method_id: method.brand ?? 'visa',
      token: method.methodId,
      installments: 1,
    });
  }

  createPix(req: ChargeRequest): Promise<ProviderPayment> {
    return this.create(req, 'create-pix', { payment_method_id: 'pix' });
  }

  async fetch(tenantId: string, providerRef: string): Promise<ProviderPayment> {
    return view(await this.call(tenantId, 'fetch', () => this.payments.get({ id: providerRef })));
  }

  /** Cards are tokenised in the app (MP.js); the token is what a later charge uses. */
  async saveMethod(_tenantId: string, _memberId: string, token: string): Promise<SavedMethod> {
    return { methodId: token };
  }

  private async create(
    req: ChargeRequest,
    operation: string,
    method: { payment_method_id: string; token?: string; installments?: number },
  ): Promise<ProviderPayment> {
    const payment = await this.call(req.tenantId, operation, () =>
      this.payments.create({
        body: {
          transaction_amount: req.amountCentavos / 100,
          description: req.description,
          external_reference: req.paymentId,
          payer: { email: `${req.memberId}@members.sportclub.invalid` },
          metadata: { tenant_id: req.tenantId, payment_id: req.paymentId, member_id: req.memberId },
          ...(this.settings.notificationUrl && { notification_url: this.settings.notificationUrl }),
          ...method,
        },
        requestOptions: { idempotencyKey: req.idempotencyKey },
      }),
    );
    return view(payment);
  }

  private call<T>(tenant: string, operation: string, fn: () => Promise<T>): Promise<T> {
    return this.caller.call({ vendor: 'mercadopago', tenant, operation }, fn).catch(classify);
  }
}

/** The SDK's errors in this platform's terms; what is not a definite refusal passes unchanged. */
function classify(error: unknown): never {
  if (!(error instanceof MercadoPagoError) || ![400, 402, 409, 422].includes(error.status)) throw error;
  const causes = error.causes
    .map((c) => (c as { code?: unknown; description?: unknown }) ?? {})
    .map((c) => [c.code, c.description].filter((x) => x !== undefined && x !== null).join(' '))
    .filter(Boolean);
  const reason = `mercadopago refused the request (${error.status} ${error.error || 'error'}): ${causes.join('; ') || error.message}`;
  throw error.status === 402
    ? new PaymentDeclinedError(reason.slice(0, 500), undefined, error)
    : new PaymentRequestInvalidError(reason.slice(0, 500), undefined, error);
}

const centavos = (reais: number | undefined) => Math.round((reais ?? 0) * 100);

function view(p: PaymentResponse): ProviderPayment {
  const refunded = centavos(p.transaction_amount_refunded);
  const status: ProviderPayment['status'] =
    p.status === 'approved'
      ? refunded > 0
        ? 'refunded'
        : 'succeeded'
      : p.status === 'refunded' || p.status === 'charged_back'
        ? 'refunded'
        : p.status === 'rejected' || p.status === 'cancelled'
          ? 'failed'
          : 'pending';
  const qr = p.point_of_interaction?.transaction_data;
  return {
    providerRef: String(p.id),
    status,
    amountCentavos: centavos(p.transaction_amount),
    refundedCentavos: refunded,
    ...(status === 'failed' && { reason: `payment ${p.status} (${p.status_detail ?? 'no detail'})` }),
    ...(qr?.qr_code && {
      pix: {
        qrCode: qr.qr_code,
        ...(qr.qr_code_base64 && { qrCodeBase64: qr.qr_code_base64 }),
        ...(qr.ticket_url && { ticketUrl: qr.ticket_url }),
        expiresAt: new Date(p.date_of_expiration ?? Date.now() + 30 * 60_000).toISOString(),
      },
    }),
  };
}
