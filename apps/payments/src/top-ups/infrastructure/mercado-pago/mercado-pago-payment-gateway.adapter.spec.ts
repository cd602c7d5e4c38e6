import { buildError } from 'mercadopago';
import type { PaymentResponse } from 'mercadopago/dist/clients/payment/commonTypes';
import { ResilientCaller } from '@sportclub/resilience';
import {
  PaymentDeclinedError,
  PaymentRefusedError,
  PaymentRequestInvalidError,
} from '../../application/ports/payment-gateway.port';
import {
  MercadoPagoPaymentGatewayAdapter,
  type MercadoPagoPayments,
} from './mercado-pago-payment-gateway.adapter';

type Answer = Partial<PaymentResponse> | Error;

/**
 * The adapter over a scripted stand-in for the SDK's Payment client (`create`, `get`): what it asks
 * Mercado Pago for, how it reads the answers, and how it classifies the SDK's typed errors (built with
 * the SDK's own `buildError`, as its REST client does).
 */
function adapter(...answers: Answer[]) {
  const created: Parameters<MercadoPagoPayments['create']>[0][] = [];
  const fetched: string[] = [];
  const next = async () => {
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    if (answer instanceof Error) throw answer;
    return answer as PaymentResponse;
  };
  const client: MercadoPagoPayments = {
    create: async (request) => {
      created.push(request);
      return next();
    },
    get: async ({ id }) => {
      fetched.push(String(id));
      return next();
    },
  };
  const caller = new ResilientCaller({ retries: 2, sleep: async () => undefined, volumeThreshold: 1_000 });
  callers.push(caller);
  const gateway = new MercadoPagoPaymentGatewayAdapter(
    {
      accessToken: 'TEST-unit',
      notificationUrl: 'https://payments.example/webhooks/mercadopago',
      minimumChargeCentavos: 50,
    },
    caller,
    client,
  );
  return { gateway, created, fetched };
}

const callers: ResilientCaller[] = [];
afterEach(() => callers.splice(0).forEach((c) => c.shutdown()));

const charge = {
  tenantId: 'club-boreal',
  paymentId: 'top-up-7',
  memberId: 'davi',
  amountCentavos: 1_999,
  idempotencyKey: 'check-in:c-7:top-up:1',
  description: 'Sport Tech Club credit top-up top-up-7',
};
const approved: Partial<PaymentResponse> = { id: 123, status: 'approved', transaction_amount: 19.99 };

describe('MercadoPagoPaymentGatewayAdapter', () => {
  it('creates a card payment in reais from centavos, with the idempotency key, the payment in metadata and the notification URL', async () => {
    const { gateway, created } = adapter(approved);
    await gateway.chargeSaved(charge, { methodId: 'card-token-1', brand: 'master' });
    expect(created).toEqual([
      {
        body: {
          transaction_amount: 19.99,
          description: 'Sport Tech Club credit top-up top-up-7',
          external_reference: 'top-up-7',
          payer: { email: 'davi@members.sportclub.invalid' },
          metadata: { tenant_id: 'club-boreal', payment_id: 'top-up-7', member_id: 'davi' },
          notification_url: 'https://payments.example/webhooks/mercadopago',
          payment_method_id: 'master',
          token: 'card-token-1',
          installments: 1,
        },
        requestOptions: { idempotencyKey: 'check-in:c-7:top-up:1' },
      },
    ]);
  });

  it('reads payments back in centavos: approved, refunded, rejected with its detail, a pending Pix with its QR code', async () => {
    expect(await adapter(approved).gateway.fetch('club-boreal', '123')).toEqual({
      providerRef: '123',
      status: 'succeeded',
      amountCentavos: 1_999,
      refundedCentavos: 0,
    });
    expect(
      await adapter({ ...approved, transaction_amount_refunded: 5.5 }).gateway.fetch('club-boreal', '123'),
    ).toMatchObject({ status: 'refunded', refundedCentavos: 550 });
    expect(
      await adapter({
        id: 124,
        status: 'rejected',
        status_detail: 'cc_rejected_insufficient_amount',
        transaction_amount: 19.99,
      }).gateway.fetch('club-boreal', '124'),
    ).toMatchObject({ status: 'failed', reason: 'payment rejected (cc_rejected_insufficient_amount)' });

    const { gateway, created } = adapter({
      id: 125,
      status: 'pending',
      transaction_amount: 30,
      date_of_expiration: '2030-01-01T00:30:00.000-03:00',
      point_of_interaction: {
        transaction_data: { qr_code: '00020126...', qr_code_base64: 'iVBOR', ticket_url: 'https://mp/t/125' },
      },
    } as Partial<PaymentResponse>);
    expect(await gateway.createPix({ ...charge, amountCentavos: 3_000 })).toEqual({
      providerRef: '125',
      status: 'pending',
      amountCentavos: 3_000,
      refundedCentavos: 0,
      pix: {
        qrCode: '00020126...',
        qrCodeBase64: 'iVBOR',
        ticketUrl: 'https://mp/t/125',
        expiresAt: '2030-01-01T03:30:00.000Z',
      },
    });
    expect(created[0].body).toMatchObject({ transaction_amount: 30, payment_method_id: 'pix' });
  });

  it('classifies a 400 validation error as a definite refusal with its causes, never retried', async () => {
    const invalid = buildError(400, {
      message: 'Invalid transaction_amount',
      error: 'bad_request',
      cause: [{ code: 4037, description: 'Invalid transaction_amount' }],
    });
    const { gateway, created } = adapter(invalid);
    const error = await gateway
      .chargeSaved({ ...charge, amountCentavos: 20 }, { methodId: 't' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentRequestInvalidError);
    expect((error as PaymentRequestInvalidError).reason).toBe(
      'mercadopago refused the request (400 bad_request): 4037 Invalid transaction_amount',
    );
    expect(created).toHaveLength(1);

    for (const status of [409, 422]) {
      await expect(
        adapter(buildError(status, { message: 'no' })).gateway.createPix(charge),
      ).rejects.toBeInstanceOf(PaymentRequestInvalidError);
    }
    await expect(
      adapter(buildError(402, { message: 'payment required', error: 'payment_error' })).gateway.createPix(
        charge,
      ),
    ).rejects.toBeInstanceOf(PaymentDeclinedError);
  });

  it('leaves outages to the caller: a 5xx or 429 is retried with the same key, then thrown as it is', async () => {
    const { gateway, created } = adapter(buildError(503, { message: 'service_unavailable' }));
    const error = await gateway.createPix(charge).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PaymentRefusedError);
    expect(error).toMatchObject({ status: 503 });
    expect(created).toHaveLength(3);
    expect(new Set(created.map((c) => c.requestOptions?.idempotencyKey))).toEqual(
      new Set([charge.idempotencyKey]),
    );

    const limited = adapter(buildError(429, { message: 'too_many_requests' }), approved);
    expect(await limited.gateway.chargeSaved(charge, { methodId: 't' })).toMatchObject({
      status: 'succeeded',
    });
  });
});
