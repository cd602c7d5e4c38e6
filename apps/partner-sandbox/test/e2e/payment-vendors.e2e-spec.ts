import { createHash, createHmac, randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import {
  InvalidWebhookSignatureError,
  MercadoPagoConfig,
  Payment,
  PaymentRefund,
  WebhookSignatureValidator,
} from 'mercadopago';
import { AppConfig } from 'mercadopago/dist/utils/config';
import {
  eventually,
  startService,
  startWebhookReceiver,
  type ReceivedWebhook,
  type RunningService,
  type WebhookReceiver,
} from '@sportclub/testing';

const STRIPE_SECRET = 'whsec_e2e_stripe_endpoint';
const MP_SECRET = 'e2e-mercadopago-webhook-secret';
const PAGSEGURO_TOKEN = 'e2e-pagseguro-account-token';
const ACCESS_SECRET = 'e2e-access-vendor-webhook-secret';
const MP_TOKEN = 'TEST-4921003302211846-010203-5f1e2d3c4b5a69788796a5b4c3d2e1f0-987654321';

/**
 * The partner sandbox as the payment vendors' official SDKs see it: Stripe's and Mercado Pago's SDKs,
 * unmodified, pointed at it by host/base URL; PagBank over plain HTTP. Webhooks land on a local
 * receiver configured through the environment, and are verified the way the platform verifies them.
 */
describe('partner sandbox: Stripe, Mercado Pago and PagBank', () => {
  let receiver: WebhookReceiver;
  let sandbox: RunningService;
  let stripe: Stripe;
  let mp: Payment;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startService('partner-sandbox', {
      env: {
        STRIPE_WEBHOOK_URL: `${receiver.url}/stripe`,
        STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
        MERCADOPAGO_WEBHOOK_URL: `${receiver.url}/mercadopago`,
        MERCADOPAGO_WEBHOOK_SECRET: MP_SECRET,
        PAGSEGURO_WEBHOOK_URL: `${receiver.url}/pagseguro`,
        PAGSEGURO_TOKEN,
        ACCESS_VENDOR_WEBHOOK_URL: `${receiver.url}/access`,
        ACCESS_VENDOR_WEBHOOK_SECRET: ACCESS_SECRET,
      },
    });
    stripe = stripeClient('sk_test_e2e_platform');
    (AppConfig as { BASE_URL: string }).BASE_URL = `${sandbox.url}/mercadopago`;
    mp = new Payment(new MercadoPagoConfig({ accessToken: MP_TOKEN, options: { maxRetries: 0 } }));
  });
  afterEach(() => admin('DELETE', '/__admin/faults'));
  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  const stripeClient = (key: string) =>
    new Stripe(key, {
      host: '127.0.0.1',
      port: Number(new URL(sandbox.url).port),
      protocol: 'http',
      maxNetworkRetries: 0,
    });
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** Stripe events received for one PaymentIntent, in arrival order, with their delivery. */
  const stripeEventsFor = (intentId: string) =>
    receiver
      .on('/stripe')
      .map((delivery) => ({ delivery, event: JSON.parse(delivery.raw) as Stripe.Event }))
      .filter(({ event }) => {
        const object = event.data.object as { id: string; payment_intent?: string };
        return object.id === intentId || object.payment_intent === intentId;
      });
  const verifyStripe = (d: ReceivedWebhook, secret = STRIPE_SECRET) =>
    stripe.webhooks.constructEvent(d.raw, String(d.headers['stripe-signature']), secret);

  const pix = (key = randomUUID()) =>
    mp.create({
      body: {
        transaction_amount: 25.5,
        description: 'Court credit top-up',
        payment_method_id: 'pix',
        payer: { email: 'ana@e2e.test', first_name: 'Ana' },
        external_reference: `pay-${key}`,
        metadata: { paymentId: 'pay-1' },
      },
      requestOptions: { idempotencyKey: key },
    });

  async function customerWithCard(card: string) {
    const customer = await stripe.customers.create({
      email: `${randomUUID()}@e2e.test`,
      metadata: { memberId: 'm-1' },
    });
    const pm = await stripe.paymentMethods.attach(card, { customer: customer.id });
    return { customer, pm };
  }

  describe('Stripe', () => {
    it('charges a saved card off-session, and the signed webhook verifies with constructEvent', async () => {
      const { customer, pm } = await customerWithCard('pm_card_visa');
      expect(pm).toMatchObject({ customer: customer.id, card: { brand: 'visa', last4: '4242' } });
      expect(pm.id).toMatch(/^pm_/);
      const saved = await stripe.customers.listPaymentMethods(customer.id, { type: 'card' });
      expect(saved.data.map((m) => m.id)).toEqual([pm.id]);

      const intent = await stripe.paymentIntents.create({
        amount: 2_500,
        currency: 'brl',
        customer: customer.id,
        payment_method: pm.id,
        off_session: true,
        confirm: true,
        description: 'Court credit top-up',
        metadata: { paymentId: 'pay-1', tenantId: 'club-aurora' },
      });
      expect(intent).toMatchObject({
        status: 'succeeded',
        amount: 2_500,
        amount_received: 2_500,
        currency: 'brl',
        customer: customer.id,
        payment_method: pm.id,
        metadata: { paymentId: 'pay-1', tenantId: 'club-aurora' },
      });
      expect(intent.latest_charge).toMatch(/^ch_/);
      const retrieved = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
      expect(retrieved.latest_charge).toMatchObject({
        id: intent.latest_charge,
        status: 'succeeded',
        paid: true,
      });

      await eventually(
        () => stripeEventsFor(intent.id).some((e) => e.event.type === 'payment_intent.succeeded'),
        'payment_intent.succeeded delivered',
      );
      const { delivery } = stripeEventsFor(intent.id).find(
        (e) => e.event.type === 'payment_intent.succeeded',
      )!;
      const event = verifyStripe(delivery);
      expect(event).toMatchObject({
        object: 'event',
        type: 'payment_intent.succeeded',
        livemode: false,
        data: { object: { id: intent.id, status: 'succeeded', amount_received: 2_500 } },
      });
      expect(event.id).toMatch(/^evt_/);
      expect(event.request?.idempotency_key).toEqual(expect.any(String));
      expect(() => verifyStripe(delivery, 'whsec_someone_else')).toThrow(
        Stripe.errors.StripeSignatureVerificationError,
      );
      expect(() => verifyStripe({ ...delivery, raw: delivery.raw.replace('2500', '2600') })).toThrow(
        Stripe.errors.StripeSignatureVerificationError,
      );
    });

    it('raises StripeCardError with the decline code; the intent then waits for another card', async () => {
      const { customer, pm } = await customerWithCard('pm_card_chargeDeclinedInsufficientFunds');
      const error = await stripe.paymentIntents
        .create({
          amount: 3_000,
          currency: 'brl',
          customer: customer.id,
          payment_method: pm.id,
          off_session: true,
          confirm: true,
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({
        statusCode: 402,
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        payment_intent: {
          status: 'requires_payment_method',
          last_payment_error: { decline_code: 'insufficient_funds' },
        },
      });
      const intentId = (error as Stripe.errors.StripeCardError).payment_intent!.id;
      await eventually(
        () => stripeEventsFor(intentId).some((e) => e.event.type === 'payment_intent.payment_failed'),
        'payment_intent.payment_failed delivered',
      );

      const generic = await customerWithCard('pm_card_chargeDeclined');
      await expect(
        stripe.paymentIntents.create({
          amount: 3_000,
          currency: 'brl',
          customer: generic.customer.id,
          payment_method: generic.pm.id,
          off_session: true,
          confirm: true,
        }),
      ).rejects.toMatchObject({ type: 'StripeCardError', decline_code: 'generic_decline' });

      // The member's app pays it with another card, as Stripe.js does: publishable key + client secret.
      const waiting = await stripe.paymentIntents.retrieve(intentId);
      const app = stripeClient('pk_test_e2e_member_app');
      const confirmFromApp = (payment_method: string, client_secret: string) =>
        app.paymentIntents.confirm(intentId, {
          payment_method,
          client_secret,
        } as Stripe.PaymentIntentConfirmParams);
      await expect(confirmFromApp('pm_card_visa', 'pi_wrong_secret_x')).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        param: 'client_secret',
      });
      const paid = await confirmFromApp('pm_card_mastercard', waiting.client_secret!);
      expect(paid).toMatchObject({ status: 'succeeded', amount_received: 3_000 });
      await expect(app.customers.create({})).rejects.toMatchObject({ type: 'StripeAuthenticationError' });
    });

    it('replays a repeated Idempotency-Key (one PaymentIntent) and refuses it with other parameters', async () => {
      const { customer, pm } = await customerWithCard('pm_card_visa');
      const key = `charge:${randomUUID()}`;
      const params = {
        amount: 1_800,
        currency: 'brl',
        customer: customer.id,
        payment_method: pm.id,
        off_session: true,
        confirm: true,
        metadata: { paymentId: key },
      };
      const first = await stripe.paymentIntents.create(params, { idempotencyKey: key });
      const again = await stripe.paymentIntents.create(params, { idempotencyKey: key });
      expect(again.id).toBe(first.id);
      expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
      await expect(
        stripe.paymentIntents.create({ ...params, amount: 1_900 }, { idempotencyKey: key }),
      ).rejects.toMatchObject({
        type: 'StripeIdempotencyError',
        statusCode: 400,
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(
        stripeEventsFor(first.id).filter((e) => e.event.type === 'payment_intent.succeeded'),
      ).toHaveLength(1);
    });

    it('refunds in part, refuses more than is left with 400, and signs charge.refunded', async () => {
      const { customer, pm } = await customerWithCard('pm_card_visa');
      const intent = await stripe.paymentIntents.create({
        amount: 3_000,
        currency: 'brl',
        customer: customer.id,
        payment_method: pm.id,
        off_session: true,
        confirm: true,
      });
      const part = await stripe.refunds.create({ payment_intent: intent.id, amount: 1_000 });
      expect(part).toMatchObject({
        object: 'refund',
        amount: 1_000,
        status: 'succeeded',
        payment_intent: intent.id,
      });
      await expect(stripe.refunds.create({ payment_intent: intent.id, amount: 2_500 })).rejects.toMatchObject(
        {
          type: 'StripeInvalidRequestError',
          statusCode: 400,
          param: 'amount',
        },
      );
      const rest = await stripe.refunds.create({ payment_intent: intent.id });
      expect(rest.amount).toBe(2_000);
      expect(await stripe.charges.retrieve(String(intent.latest_charge))).toMatchObject({
        amount_refunded: 3_000,
        refunded: true,
      });
      await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
        code: 'charge_already_refunded',
      });
      await eventually(
        () => stripeEventsFor(intent.id).filter((e) => e.event.type === 'charge.refunded').length === 2,
        'two charge.refunded events',
      );
      const refunded = stripeEventsFor(intent.id)
        .filter((e) => e.event.type === 'charge.refunded')
        .map((e) => verifyStripe(e.delivery).data.object as Stripe.Charge);
      expect(refunded.map((c) => c.amount_refunded)).toEqual([1_000, 3_000]);
    });

    it('answers like Stripe for live keys, unknown objects, unknown parameters and bracketed forms', async () => {
      await expect(stripeClient('sk_live_not_here').customers.create({})).rejects.toMatchObject({
        type: 'StripeAuthenticationError',
        statusCode: 401,
      });
      await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        statusCode: 404,
        code: 'resource_missing',
      });
      const raw = await fetch(`${sandbox.url}/v1/payment_intents`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_raw', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'amount=990&currency=brl&automatic_payment_methods[enabled]=true&metadata[paymentId]=p-9&colour=red',
      });
      expect(raw.status).toBe(400);
      expect(await raw.json()).toEqual({
        error: expect.objectContaining({
          type: 'invalid_request_error',
          param: 'colour',
          code: 'parameter_unknown',
        }),
      });
      const ok = await fetch(`${sandbox.url}/v1/payment_intents`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_raw', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'amount=990&currency=brl&automatic_payment_methods[enabled]=true&metadata[paymentId]=p-9',
      });
      expect(await ok.json()).toMatchObject({
        status: 'requires_payment_method',
        amount: 990,
        automatic_payment_methods: { enabled: true },
        metadata: { paymentId: 'p-9' },
        client_secret: expect.stringMatching(/^pi_\w+_secret_\w+$/),
      });
    });
  });

  describe('Mercado Pago', () => {
    const mpDeliveries = (paymentId: number) =>
      receiver.on('/mercadopago').filter((d) => d.query.get('data.id') === String(paymentId));
    it('leaves a Pix pending with its QR code; paid through the admin API it notifies a signed payment.updated', async () => {
      const key = randomUUID();
      const created = await pix(key);
      expect(created).toMatchObject({
        status: 'pending',
        status_detail: 'pending_waiting_transfer',
        payment_method_id: 'pix',
        transaction_amount: 25.5,
        metadata: { payment_id: 'pay-1' },
      });
      const qr = created.point_of_interaction!.transaction_data!;
      expect(qr.qr_code).toMatch(/^000201.*br\.gov\.bcb\.pix.*5405 ?25\.50.*6304[0-9A-F]{4}$/);
      expect(Buffer.from(qr.qr_code_base64!, 'base64').subarray(1, 4).toString()).toBe('PNG');
      expect(qr.ticket_url).toMatch(/^https:\/\//);
      expect(Date.parse(created.date_of_expiration!)).toBeGreaterThan(Date.now());
      expect((await pix(key)).id).toBe(created.id); // same X-Idempotency-Key, same payment

      const approve = await admin('POST', `/mercadopago/__admin/payments/${created.id}/approve`);
      expect(approve.status).toBe(200);
      await eventually(() => mpDeliveries(created.id!).length === 2, 'payment.created and payment.updated');
      const [first, second] = mpDeliveries(created.id!).map((d) => ({ d, body: JSON.parse(d.raw) }));
      expect([first.body.action, second.body.action]).toEqual(['payment.created', 'payment.updated']);
      expect(second.body).toMatchObject({
        type: 'payment',
        live_mode: false,
        api_version: 'v1',
        user_id: 987654321,
        data: { id: String(created.id) },
      });
      expect(second.d.query.get('type')).toBe('payment');
      const signature = {
        xSignature: second.d.headers['x-signature'],
        xRequestId: second.d.headers['x-request-id'],
        dataId: second.d.query.get('data.id'),
      };
      expect(() =>
        WebhookSignatureValidator.validate({ ...signature, secret: MP_SECRET, toleranceSeconds: 300 }),
      ).not.toThrow();
      expect(() =>
        WebhookSignatureValidator.validate({ ...signature, secret: 'another-secret-entirely' }),
      ).toThrow(InvalidWebhookSignatureError);
      const [, ts, v1] = /^ts=(\d+),v1=([0-9a-f]{64})$/.exec(String(signature.xSignature))!;
      const manifest = `id:${created.id};request-id:${signature.xRequestId};ts:${ts};`;
      expect(createHmac('sha256', MP_SECRET).update(manifest).digest('hex')).toBe(v1);

      // The notification carries only the id: the receiver fetches the payment.
      expect(await mp.get({ id: created.id! })).toMatchObject({
        status: 'approved',
        status_detail: 'accredited',
      });
    });

    it('decides cards by the test-cardholder marker in the token, and refunds an approved one', async () => {
      // A fresh key on every create: the SDK keeps the last requestOptions on the client (it merges them
      // into its config), so a create without one would reuse the previous key — and get that payment.
      const card = (token: string) =>
        mp.create({
          body: {
            transaction_amount: 40,
            payment_method_id: 'master',
            token,
            installments: 1,
            payer: { email: 'bruno@e2e.test' },
          },
          requestOptions: { idempotencyKey: randomUUID() },
        });
      expect(await card('ff8080814c11e237014c1ff593b57b4d-APRO')).toMatchObject({
        status: 'approved',
        status_detail: 'accredited',
        payment_type_id: 'credit_card',
      });
      expect(await card('ff8080814c11e237014c1ff593b57b4d-OTHE')).toMatchObject({
        status: 'rejected',
        status_detail: 'cc_rejected_other_reason',
      });
      const short = await card('ff8080814c11e237014c1ff593b57b4d-FUND');
      expect(short).toMatchObject({ status: 'rejected', status_detail: 'cc_rejected_insufficient_amount' });

      const approved = await card('tok-APRO');
      const refunds = new PaymentRefund(
        new MercadoPagoConfig({ accessToken: MP_TOKEN, options: { maxRetries: 0 } }),
      );
      await expect(refunds.create({ payment_id: approved.id!, body: { amount: 50 } })).rejects.toMatchObject({
        status: 400,
      });
      expect(await refunds.create({ payment_id: approved.id!, body: { amount: 15 } })).toMatchObject({
        amount: 15,
      });
      expect(await mp.get({ id: approved.id! })).toMatchObject({
        status: 'approved',
        status_detail: 'partially_refunded',
        transaction_amount_refunded: 15,
      });
      await refunds.create({ payment_id: approved.id!, body: {} });
      expect(await mp.get({ id: approved.id! })).toMatchObject({
        status: 'refunded',
        transaction_amount_refunded: 40,
      });

      const stranger = new Payment(
        new MercadoPagoConfig({ accessToken: 'APP_USR-live', options: { maxRetries: 0 } }),
      );
      await expect(stranger.get({ id: approved.id! })).rejects.toMatchObject({
        status: 401,
        error: 'unauthorized',
      });
    });

    it('expires an unpaid Pix as cancelled: through the admin API, or by itself when it is due', async () => {
      const created = await pix();
      expect((await admin('POST', `/mercadopago/__admin/payments/${created.id}/expire`)).status).toBe(200);
      expect(await mp.get({ id: created.id! })).toMatchObject({
        status: 'cancelled',
        status_detail: 'expired',
      });
      expect((await admin('POST', `/mercadopago/__admin/payments/${created.id}/approve`)).status).toBe(409);

      const soon = await mp.create({
        body: {
          transaction_amount: 10,
          payment_method_id: 'pix',
          payer: { email: 'ana@e2e.test' },
          date_of_expiration: new Date(Date.now() + 1_000).toISOString(),
        },
        requestOptions: { idempotencyKey: randomUUID() },
      });
      expect(soon.status).toBe('pending');
      await eventually(
        async () => (await mp.get({ id: soon.id! })).status_detail === 'expired',
        'the Pix expired at date_of_expiration',
        10_000,
      );
      await eventually(
        () =>
          receiver.on('/mercadopago').filter((d) => d.query.get('data.id') === String(soon.id)).length === 2,
        'payment.created and payment.updated for the expired Pix',
      );
    });
  });

  describe('PagBank', () => {
    const charge = (card: Record<string, string>, key = randomUUID()) =>
      fetch(`${sandbox.url}/pagseguro/charges`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer pagbank-e2e-token',
          'content-type': 'application/json',
          'x-idempotency-key': key,
        },
        body: JSON.stringify({
          reference_id: `pay-${key}`,
          description: 'Court credit top-up',
          amount: { value: 2_500, currency: 'BRL' },
          payment_method: { type: 'CREDIT_CARD', installments: 1, capture: true, card },
        }),
      });
    const authentic = (d: ReceivedWebhook) =>
      createHash('sha256').update(`${PAGSEGURO_TOKEN}-${d.raw}`).digest('hex') ===
      d.headers['x-authenticity-token'];

    it('pays or declines a card charge, refunds it, and signs each webhook with x-authenticity-token', async () => {
      const key = randomUUID();
      const res = await charge({ id: 'CARD_E2E_OK' }, key);
      expect(res.status).toBe(201);
      const paid = (await res.json()) as {
        id: string;
        status: string;
        amount: { summary: Record<string, number> };
      };
      expect(paid).toMatchObject({
        status: 'PAID',
        amount: { value: 2_500, currency: 'BRL', summary: { total: 2_500, paid: 2_500, refunded: 0 } },
        payment_response: { code: '20000' },
      });
      expect(paid.id).toMatch(/^CHAR_[0-9A-F-]{36}$/);
      expect(((await (await charge({ id: 'CARD_E2E_OK' }, key)).json()) as { id: string }).id).toBe(paid.id);

      const declined = (await (await charge({ encrypted: 'enc-DECLINED-card' })).json()) as {
        status: string;
      };
      expect(declined).toMatchObject({ status: 'DECLINED', payment_response: { code: '10002' } });

      const cancel = (value: number) =>
        fetch(`${sandbox.url}/pagseguro/charges/${paid.id}/cancel`, {
          method: 'POST',
          headers: { authorization: 'Bearer pagbank-e2e-token', 'content-type': 'application/json' },
          body: JSON.stringify({ amount: { value } }),
        });
      expect(await (await cancel(1_000)).json()).toMatchObject({
        status: 'PAID',
        amount: { summary: { refunded: 1_000 } },
      });
      const over = await cancel(2_000);
      expect(over.status).toBe(400);
      expect(await over.json()).toEqual({
        error_messages: [expect.objectContaining({ code: '40002', parameter_name: 'amount.value' })],
      });
      expect(await (await cancel(1_500)).json()).toMatchObject({ status: 'CANCELED' });

      const forCharge = () => receiver.on('/pagseguro').filter((d) => JSON.parse(d.raw).id === paid.id);
      await eventually(() => forCharge().length === 3, 'three PagBank notifications');
      expect(forCharge().map((d) => JSON.parse(d.raw).status)).toEqual(['PAID', 'PAID', 'CANCELED']);
      expect(forCharge().every(authentic)).toBe(true);
      expect(authentic({ ...forCharge()[0], raw: forCharge()[0].raw.replace('PAID', 'CANCELED') })).toBe(
        false,
      );

      const unauthenticated = await fetch(`${sandbox.url}/pagseguro/charges/${paid.id}`);
      expect(unauthenticated.status).toBe(401);
      expect(await unauthenticated.json()).toEqual({
        error_messages: [expect.objectContaining({ code: 'UNAUTHORIZED' })],
      });
    });
  });

  it("refuses a charge below each vendor's minimum the way the vendor does, charging nothing", async () => {
    // Stripe: R$ 0,50, a 400 invalid_request_error the SDK raises as StripeInvalidRequestError.
    const { customer, pm } = await customerWithCard('pm_card_visa');
    await expect(
      stripe.paymentIntents.create({
        amount: 20,
        currency: 'brl',
        customer: customer.id,
        payment_method: pm.id,
        off_session: true,
        confirm: true,
      }),
    ).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'amount_too_small',
      param: 'amount',
    });
    expect((await stripe.paymentIntents.create({ amount: 50, currency: 'brl' })).amount).toBe(50);

    // Mercado Pago: cards from R$ 0,50 (400, cause 4037); a Pix of R$ 0,20 is fine.
    const mpCard = (amount: number) =>
      mp.create({
        body: {
          transaction_amount: amount,
          payment_method_id: 'visa',
          token: 'APRO-card',
          installments: 1,
          payer: { email: 'ana@e2e.test' },
        },
        requestOptions: { idempotencyKey: randomUUID() },
      });
    await expect(mpCard(0.2)).rejects.toMatchObject({
      status: 400,
      error: 'bad_request',
      causes: [expect.objectContaining({ code: 4037 })],
    });
    expect((await mpCard(0.5)).status).toBe('approved');
    const smallPix = await mp.create({
      body: { transaction_amount: 0.2, payment_method_id: 'pix', payer: { email: 'ana@e2e.test' } },
      requestOptions: { idempotencyKey: randomUUID() },
    });
    expect(smallPix.status).toBe('pending');

    // PagBank: from R$ 1,00, a 400 40002 on amount.value.
    const pagbank = (value: number) =>
      fetch(`${sandbox.url}/pagseguro/charges`, {
        method: 'POST',
        headers: { authorization: 'Bearer pagbank-e2e-token', 'content-type': 'application/json' },
        body: JSON.stringify({
          amount: { value, currency: 'BRL' },
          payment_method: {
            type: 'CREDIT_CARD',
            installments: 1,
            capture: true,
            card: { id: 'CARD_E2E_OK' },
          },
        }),
      });
    const small = await pagbank(99);
    expect(small.status).toBe(400);
    expect(await small.json()).toEqual({
      error_messages: [
        expect.objectContaining({
          code: '40002',
          parameter_name: 'amount.value',
          description: expect.stringMatching(/between 100 and 999999900/),
        }),
      ],
    });
    expect((await pagbank(100)).status).toBe(201);
  });

  describe('faults', () => {
    const pagbankGet = (id: string) =>
      fetch(`${sandbox.url}/pagseguro/charges/${id}`, {
        headers: { authorization: 'Bearer pagbank-e2e-token' },
      });

    it('down: every vendor answers 503 until the faults are cleared', async () => {
      for (const vendor of ['stripe', 'mercadopago', 'pagseguro']) {
        expect((await admin('PUT', `/__admin/faults/${vendor}`, { down: true })).status).toBe(200);
      }
      await expect(stripe.customers.create({})).rejects.toMatchObject({
        type: 'StripeAPIError',
        statusCode: 503,
      });
      await expect(pix()).rejects.toMatchObject({ status: 503 });
      expect((await pagbankGet('CHAR_UNKNOWN')).status).toBe(503);
      await admin('DELETE', '/__admin/faults');
      await expect(stripe.customers.create({})).resolves.toMatchObject({ object: 'customer' });
    });

    it('duplicateWebhooks: the same Stripe event (same id) is delivered twice', async () => {
      await admin('PUT', '/__admin/faults/stripe', { duplicateWebhooks: true });
      const { customer, pm } = await customerWithCard('pm_card_visa');
      const intent = await stripe.paymentIntents.create({
        amount: 1_200,
        currency: 'brl',
        customer: customer.id,
        payment_method: pm.id,
        off_session: true,
        confirm: true,
      });
      const succeeded = () =>
        stripeEventsFor(intent.id).filter((e) => e.event.type === 'payment_intent.succeeded');
      await eventually(() => succeeded().length === 2, 'payment_intent.succeeded twice');
      const [a, b] = succeeded();
      expect(a.event.id).toBe(b.event.id);
      expect(verifyStripe(a.delivery).id).toBe(verifyStripe(b.delivery).id);
      const log = (await (await admin('GET', '/__admin/webhooks/stripe/deliveries')).json()) as {
        eventId: string;
        statuses: number[];
      }[];
      expect(log.filter((d) => d.eventId === a.event.id)).toEqual([
        expect.objectContaining({ statuses: [200] }),
        expect.objectContaining({ statuses: [200] }),
      ]);
    });

    it('reorderWebhooks: events of one payment arrive newest first (Stripe and Mercado Pago)', async () => {
      await admin('PUT', '/__admin/faults/stripe', { reorderWebhooks: true });
      await admin('PUT', '/__admin/faults/mercadopago', { reorderWebhooks: true });
      const { customer, pm } = await customerWithCard('pm_card_visa');
      const intent = await stripe.paymentIntents.create({
        amount: 1_500,
        currency: 'brl',
        customer: customer.id,
        payment_method: pm.id,
        off_session: true,
        confirm: true,
      });
      const created = await pix();
      await admin('POST', `/mercadopago/__admin/payments/${created.id}/approve`);

      await eventually(() => stripeEventsFor(intent.id).length === 2, 'both Stripe events');
      expect(stripeEventsFor(intent.id).map((e) => e.event.type)).toEqual([
        'payment_intent.succeeded',
        'payment_intent.created',
      ]);
      const mpFor = () =>
        receiver.on('/mercadopago').filter((d) => d.query.get('data.id') === String(created.id));
      await eventually(() => mpFor().length === 2, 'both Mercado Pago notifications');
      expect(mpFor().map((d) => JSON.parse(d.raw).action)).toEqual(['payment.updated', 'payment.created']);
    });

    it('timeout: the charge happens but no answer comes; the retry with the same key gets it, once', async () => {
      const { customer, pm } = await customerWithCard('pm_card_visa');
      await admin('PUT', '/__admin/faults/stripe', { timeout: true });
      const key = `charge:${randomUUID()}`;
      const params = {
        amount: 2_200,
        currency: 'brl',
        customer: customer.id,
        payment_method: pm.id,
        off_session: true,
        confirm: true,
        metadata: { paymentId: key },
      };
      const started = Date.now();
      await expect(
        stripe.paymentIntents.create(params, { idempotencyKey: key, timeout: 1_000 }),
      ).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      // The vendor did charge: its webhook says so.
      const succeeded = () =>
        receiver
          .on('/stripe')
          .map((d) => JSON.parse(d.raw) as Stripe.Event)
          .filter(
            (e) =>
              e.type === 'payment_intent.succeeded' &&
              (e.data.object as Stripe.PaymentIntent).metadata.paymentId === key,
          );
      await eventually(() => succeeded().length === 1, 'the charge made under the timeout');

      await admin('DELETE', '/__admin/faults');
      const retried = await stripe.paymentIntents.create(params, { idempotencyKey: key });
      expect(retried).toMatchObject({
        id: (succeeded()[0].data.object as Stripe.PaymentIntent).id,
        status: 'succeeded',
      });
      expect(retried.lastResponse.headers['idempotent-replayed']).toBe('true');
      await new Promise((r) => setTimeout(r, 300));
      expect(succeeded()).toHaveLength(1);
    });

    it('latencyMs: answers come that much later', async () => {
      await admin('PUT', '/__admin/faults/pagseguro', { latencyMs: 400 });
      const started = Date.now();
      expect((await pagbankGet('CHAR_UNKNOWN')).status).toBe(404);
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    });
  });

  it('sends the access vendor’s webhooks to the target configured in the environment', async () => {
    const vendor = (path: string, body: unknown) =>
      fetch(`${sandbox.url}/access-vendor/api/v1/access${path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer sandbox-access-key', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const session = (await (
      await vendor('/checkin', { user_id: 'u-1', court_id: 'court-1', external_ref: randomUUID() })
    ).json()) as { session_id: string };
    const door = await vendor(`/__admin/door-checkout/${session.session_id}`, { consumptionCentavos: 700 });
    expect(await door.json()).toMatchObject({ deliveries: [200] });
    const [delivery] = receiver.on('/access').filter((d) => d.raw.includes(session.session_id));
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(delivery.headers['x-access-signature']))!;
    expect(createHmac('sha256', ACCESS_SECRET).update(`${t}.${delivery.raw}`).digest('hex')).toBe(v1);
  });
});
