import { ResilientCaller } from '@sportclub/resilience';
import {
  PaymentDeclinedError,
  PaymentRefusedError,
  PaymentRequestInvalidError,
} from '../../application/ports/payment-gateway.port';
import { StripePaymentGatewayAdapter } from './stripe-payment-gateway.adapter';

/** What the official SDK sent, as Stripe's API would see it (form-encoded body, headers). */
interface Sent {
  method: string;
  path: string;
  headers: Headers;
  form: URLSearchParams;
}

const intent = (fields: Record<string, unknown> = {}) => ({
  id: 'pi_1',
  object: 'payment_intent',
  amount: 1_500,
  currency: 'brl',
  status: 'succeeded',
  client_secret: 'pi_1_secret_abc',
  latest_charge: null,
  last_payment_error: null,
  ...fields,
});

const stripeError = (status: number, error: Record<string, unknown>) => ({ status, body: { error } });

/**
 * The adapter over the real `stripe` SDK with its transport swapped for a scripted fetch: request
 * mapping, response mapping and error classification without a network.
 */
function adapter(...answers: { status: number; body: unknown }[]) {
  const sent: Sent[] = [];
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    sent.push({
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      headers: new Headers(init?.headers as Record<string, string>),
      form: new URLSearchParams(typeof init?.body === 'string' ? init.body : ''),
    });
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json', 'request-id': 'req_test' },
    });
  }) as typeof fetch;
  const caller = new ResilientCaller({ retries: 2, sleep: async () => undefined, volumeThreshold: 1_000 });
  callers.push(caller);
  const gateway = new StripePaymentGatewayAdapter(
    { secretKey: 'sk_test_unit', apiUrl: 'http://stripe.test', fetch: fakeFetch, minimumChargeCentavos: 50 },
    caller,
  );
  return { gateway, sent };
}

const callers: ResilientCaller[] = [];
afterEach(() => callers.splice(0).forEach((c) => c.shutdown()));

const charge = {
  tenantId: 'club-aurora',
  paymentId: 'top-up-1',
  memberId: 'ana',
  amountCentavos: 1_500,
  idempotencyKey: 'check-in:c-1:top-up:1',
  description: 'Sport Tech Club credit top-up top-up-1',
};
const visa = { methodId: 'pm_visa', customerRef: 'cus_ana' };

describe('StripePaymentGatewayAdapter', () => {
  it('charges a saved card off-session in centavos of BRL, with the idempotency key and the payment in metadata', async () => {
    const { gateway, sent } = adapter({ status: 200, body: intent() });
    await gateway.chargeSaved(charge, visa);

    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/payment_intents' });
    expect(request.headers.get('idempotency-key')).toBe('check-in:c-1:top-up:1');
    expect(request.headers.get('authorization')).toBe('Bearer sk_test_unit');
    expect(Object.fromEntries(request.form)).toEqual({
      amount: '1500',
      currency: 'brl',
      description: 'Sport Tech Club credit top-up top-up-1',
      'metadata[tenantId]': 'club-aurora',
      'metadata[paymentId]': 'top-up-1',
      'metadata[memberId]': 'ana',
      customer: 'cus_ana',
      payment_method: 'pm_visa',
      off_session: 'true',
      confirm: 'true',
    });
  });

  it("maps the intent's states: succeeded, refunded by its charge, pending with the client secret, failed with the decline", async () => {
    expect(await adapter({ status: 200, body: intent() }).gateway.chargeSaved(charge, visa)).toEqual({
      providerRef: 'pi_1',
      status: 'succeeded',
      amountCentavos: 1_500,
      refundedCentavos: 0,
    });

    const refunded = adapter({
      status: 200,
      body: intent({ latest_charge: { id: 'ch_1', amount_refunded: 500 } }),
    });
    expect(await refunded.gateway.fetch('club-aurora', 'pi_1')).toMatchObject({
      status: 'refunded',
      refundedCentavos: 500,
    });
    expect(refunded.sent[0]).toMatchObject({
      method: 'GET',
      path: '/v1/payment_intents/pi_1?expand[0]=latest_charge',
    });

    const pending = adapter({ status: 200, body: intent({ status: 'requires_payment_method' }) });
    expect(await pending.gateway.createCardPayment(charge)).toMatchObject({
      status: 'pending',
      clientSecret: 'pi_1_secret_abc',
    });
    expect(pending.sent[0].form.get('allowed_payment_method_types[0]')).toBe('card');

    const declined = intent({
      status: 'requires_payment_method',
      last_payment_error: {
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
      },
    });
    expect(await adapter({ status: 200, body: declined }).gateway.fetch('club-aurora', 'pi_1')).toMatchObject(
      {
        status: 'failed',
        reason: 'card declined (generic_decline): Your card was declined.',
      },
    );
  });

  it('classifies a card error as a decline, answered once with the declined intent', async () => {
    const { gateway, sent } = adapter(
      stripeError(402, {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
        payment_intent: intent({ id: 'pi_9', status: 'requires_payment_method' }),
      }),
    );
    const error = await gateway.chargeSaved(charge, visa).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentDeclinedError);
    expect(error).toMatchObject({
      reason: 'card declined (insufficient_funds): Your card has insufficient funds.',
      providerRef: 'pi_9',
    });
    expect(sent).toHaveLength(1);
  });

  it('classifies an invalid_request_error (an amount below the minimum) as a definite refusal, never retried', async () => {
    const { gateway, sent } = adapter(
      stripeError(400, {
        type: 'invalid_request_error',
        code: 'amount_too_small',
        param: 'amount',
        message: 'Amount must be at least 0.50 brl',
      }),
    );
    const error = await gateway.chargeSaved({ ...charge, amountCentavos: 20 }, visa).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentRequestInvalidError);
    expect((error as PaymentRequestInvalidError).reason).toBe(
      'stripe refused the request (amount_too_small, param amount): Amount must be at least 0.50 brl',
    );
    expect(sent).toHaveLength(1);

    const reused = adapter(
      stripeError(400, {
        type: 'idempotency_error',
        message: 'Keys for idempotent requests can only be used with the same parameters',
      }),
    );
    await expect(reused.gateway.chargeSaved(charge, visa)).rejects.toBeInstanceOf(PaymentRequestInvalidError);
  });

  it('leaves outages to the caller: a 5xx is retried, then thrown as it is; a 409 (same key still running) too', async () => {
    const down = adapter(stripeError(503, { type: 'api_error', message: 'Service unavailable' }));
    const error = await down.gateway.chargeSaved(charge, visa).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PaymentRefusedError);
    expect(error).toMatchObject({ statusCode: 503 });
    expect(down.sent).toHaveLength(3);
    expect(new Set(down.sent.map((s) => s.headers.get('idempotency-key')))).toEqual(
      new Set([charge.idempotencyKey]),
    );

    const running = adapter(
      stripeError(409, {
        type: 'idempotency_error',
        message: 'There is currently another in-progress request using this Idempotent Key',
      }),
    );
    await expect(running.gateway.chargeSaved(charge, visa)).rejects.not.toBeInstanceOf(PaymentRefusedError);

    const recovered = adapter(stripeError(503, { type: 'api_error', message: 'blip' }), {
      status: 200,
      body: intent(),
    });
    expect(await recovered.gateway.chargeSaved(charge, visa)).toMatchObject({ status: 'succeeded' });
  });

  it('saves a card as a PaymentMethod attached to the member’s Customer; a token Stripe does not know is refused', async () => {
    const customer = { id: 'cus_ana', object: 'customer' };
    const pm = { id: 'pm_1', object: 'payment_method', card: { brand: 'visa', last4: '4242' } };
    const saved = adapter({ status: 200, body: customer }, { status: 200, body: pm });
    expect(await saved.gateway.saveMethod('club-aurora', 'ana', 'pm_card_visa')).toEqual({
      methodId: 'pm_1',
      customerRef: 'cus_ana',
      brand: 'visa',
      last4: '4242',
    });
    expect(saved.sent.map((s) => s.path)).toEqual([
      '/v1/customers',
      '/v1/payment_methods/pm_card_visa/attach',
    ]);
    expect(saved.sent[0].headers.get('idempotency-key')).toBe('customer:club-aurora:ana');
    expect(saved.sent[1].form.get('customer')).toBe('cus_ana');

    const unknown = adapter(
      { status: 200, body: customer },
      stripeError(400, {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: "No such PaymentMethod: 'pm_unknown'",
      }),
    );
    const error = await unknown.gateway
      .saveMethod('club-aurora', 'ana', 'pm_unknown')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentDeclinedError);
    expect((error as PaymentDeclinedError).reason).toBe("card refused: No such PaymentMethod: 'pm_unknown'");
  });
});
