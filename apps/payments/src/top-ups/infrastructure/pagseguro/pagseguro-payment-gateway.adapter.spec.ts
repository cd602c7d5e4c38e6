import { ResilientCaller } from '@sportclub/resilience';
import {
  PaymentDeclinedError,
  PaymentRefusedError,
  PaymentRequestInvalidError,
} from '../../application/ports/payment-gateway.port';
import { PagSeguroPaymentGatewayAdapter } from './pagseguro-payment-gateway.adapter';

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

/** The adapter with a scripted fetch in place of PagBank: what it sends, how it reads the answers. */
function adapter(...answers: { status: number; body: unknown }[]) {
  const sent: Sent[] = [];
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    sent.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers as Record<string, string>),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  }) as typeof fetch;
  const caller = new ResilientCaller({ retries: 2, sleep: async () => undefined, volumeThreshold: 1_000 });
  callers.push(caller);
  const gateway = new PagSeguroPaymentGatewayAdapter(
    {
      token: 'pagbank-token-0123456789',
      apiUrl: 'https://sandbox.pagbank.test/',
      notificationUrl: 'https://payments.example/webhooks/pagseguro',
      fetch: fakeFetch,
      minimumChargeCentavos: 100,
    },
    caller,
  );
  return { gateway, sent };
}

const callers: ResilientCaller[] = [];
afterEach(() => callers.splice(0).forEach((c) => c.shutdown()));

const charge = {
  tenantId: 'club-sul',
  paymentId: 'top-up-3',
  memberId: 'gil',
  amountCentavos: 2_480,
  idempotencyKey: 'check-in:c-3:top-up:1',
  description: 'Sport Tech Club credit top-up top-up-3',
};
const paid = (fields: Record<string, unknown> = {}) => ({
  id: 'CHAR_1',
  status: 'PAID',
  amount: { value: 2_480, currency: 'BRL', summary: { total: 2_480, paid: 2_480, refunded: 0 } },
  ...fields,
});
const pagError = (status: number, ...messages: Record<string, string>[]) => ({
  status,
  body: { error_messages: messages },
});

describe('PagSeguroPaymentGatewayAdapter', () => {
  it('charges a saved card id in centavos, with the token, the idempotency key, the payment in metadata and the notification URL', async () => {
    const { gateway, sent } = adapter({ status: 201, body: paid() });
    await gateway.chargeSaved(charge, { methodId: 'CARD_abc' });
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request).toMatchObject({ url: 'https://sandbox.pagbank.test/charges', method: 'POST' });
    expect(request.headers.get('authorization')).toBe('Bearer pagbank-token-0123456789');
    expect(request.headers.get('x-idempotency-key')).toBe('check-in:c-3:top-up:1');
    expect(request.body).toEqual({
      reference_id: 'top-up-3',
      description: 'Sport Tech Club credit top-up top-up-3',
      amount: { value: 2_480, currency: 'BRL' },
      payment_method: { type: 'CREDIT_CARD', installments: 1, capture: true, card: { id: 'CARD_abc' } },
      metadata: { tenant_id: 'club-sul', payment_id: 'top-up-3', member_id: 'gil' },
      notification_urls: ['https://payments.example/webhooks/pagseguro'],
    });
  });

  it('fits the payment id and description into the 64 characters PagBank takes', async () => {
    const { gateway, sent } = adapter({ status: 201, body: paid() });
    const paymentId = `check-in-${'9'.repeat(36)}-top-up-1-of-a-long-saga`;
    await gateway.chargeSaved(
      { ...charge, paymentId, description: `Sport Tech Club credit top-up ${paymentId}` },
      { methodId: 'c' },
    );
    const body = sent[0].body as {
      reference_id: string;
      description: string;
      metadata: { payment_id: string };
    };
    expect(body.reference_id).toMatch(/^[0-9a-f]{64}$/);
    expect(body.description).toHaveLength(64);
    expect(body.metadata.payment_id).toBe(paymentId);
  });

  it('reads charges: paid, refunded, waiting, declined with its response code', async () => {
    expect(
      await adapter({ status: 201, body: paid() }).gateway.chargeSaved(charge, { methodId: 'c' }),
    ).toEqual({
      providerRef: 'CHAR_1',
      status: 'succeeded',
      amountCentavos: 2_480,
      refundedCentavos: 0,
    });
    const refunded = adapter({
      status: 200,
      body: paid({ status: 'CANCELED', amount: { value: 2_480, summary: { paid: 2_480, refunded: 2_480 } } }),
    });
    expect(await refunded.gateway.fetch('club-sul', 'CHAR_1')).toMatchObject({
      status: 'refunded',
      refundedCentavos: 2_480,
    });
    expect(refunded.sent[0]).toMatchObject({
      url: 'https://sandbox.pagbank.test/charges/CHAR_1',
      method: 'GET',
    });
    expect(refunded.sent[0].headers.get('x-idempotency-key')).toBeNull();
    expect(
      await adapter({ status: 200, body: paid({ status: 'WAITING' }) }).gateway.fetch('club-sul', 'CHAR_1'),
    ).toMatchObject({
      status: 'pending',
    });
    expect(
      await adapter({
        status: 201,
        body: paid({ status: 'DECLINED', payment_response: { code: '20003', message: 'NAO AUTORIZADA' } }),
      }).gateway.chargeSaved(charge, { methodId: 'CARD_DECLINED' }),
    ).toMatchObject({ status: 'failed', reason: 'charge declined (20003): NAO AUTORIZADA' });
  });

  it('classifies a 400 validation error (an amount below the minimum) as a definite refusal, never retried', async () => {
    const { gateway, sent } = adapter(
      pagError(400, {
        code: '40002',
        description: 'must be between 100 and 999999900',
        parameter_name: 'amount.value',
      }),
    );
    const error = await gateway
      .chargeSaved({ ...charge, amountCentavos: 20 }, { methodId: 'c' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentRequestInvalidError);
    expect((error as PaymentRequestInvalidError).reason).toBe(
      'pagseguro refused the request (400): 40002 amount.value: must be between 100 and 999999900',
    );
    expect(sent).toHaveLength(1);

    await expect(
      adapter(pagError(409, { code: '40901', description: 'duplicated' })).gateway.chargeSaved(charge, {
        methodId: 'c',
      }),
    ).rejects.toBeInstanceOf(PaymentRequestInvalidError);
    await expect(
      adapter({ status: 402, body: {} }).gateway.chargeSaved(charge, { methodId: 'c' }),
    ).rejects.toBeInstanceOf(PaymentDeclinedError);
  });

  it('leaves outages to the caller: a 5xx is retried with the same key, then thrown as it is; a 401 is not a refusal', async () => {
    const { gateway, sent } = adapter(pagError(503, { code: 'SERVICE_UNAVAILABLE', description: 'down' }));
    const error = await gateway.chargeSaved(charge, { methodId: 'c' }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PaymentRefusedError);
    expect(error).toMatchObject({ status: 503 });
    expect(sent.map((s) => s.headers.get('x-idempotency-key'))).toEqual(Array(3).fill(charge.idempotencyKey));

    await expect(
      adapter(pagError(401, { code: 'UNAUTHORIZED', description: 'bad token' })).gateway.fetch(
        'club-sul',
        'x',
      ),
    ).rejects.not.toBeInstanceOf(PaymentRefusedError);
  });

  it('takes a PagBank card id as the saved card, refusing anything that is not one', async () => {
    const { gateway, sent } = adapter({ status: 500, body: {} });
    expect(await gateway.saveMethod('club-sul', 'gil', 'CARD_7f3-a')).toEqual({ methodId: 'CARD_7f3-a' });
    await expect(gateway.saveMethod('club-sul', 'gil', 'not a card id')).rejects.toBeInstanceOf(
      PaymentDeclinedError,
    );
    expect(sent).toEqual([]);
  });
});
