import { createHash, createHmac, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  PaymentsChargeTopUpV1,
  PaymentsCreateTopUpV1,
  PaymentsSavePaymentMethodV1,
} from '@sportclub/contracts';
import {
  adminDatabaseUrl,
  eventually,
  paymentProviderUrls,
  startService,
  type RunningService,
} from '@sportclub/testing';
import { PaymentsCommands } from '../support/commands';

const STRIPE_SECRET = 'whsec_e2e_current_stripe_secret';
const MP_SECRET = 'e2e-current-mercadopago-secret';
const PAGBANK_TOKEN = 'e2e-current-pagbank-token';
const STRIPE_KEY = 'sk_test_e2e_webhooks';
/** The secrets being replaced: payments is booted in the middle of a rotation of all three. */
const STRIPE_PREVIOUS = 'whsec_e2e_previous_stripe_secret';
const MP_PREVIOUS = 'e2e-previous-mercadopago-secret';
const PAGBANK_PREVIOUS = 'e2e-previous-pagbank-token';
/** A secret retired before the rotation (or never ours). */
const RETIRED = 'whsec_e2e_retired_secret_value';

const now = () => Math.floor(Date.now() / 1000);
const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');
const stripeSignature = (body: string, secret = STRIPE_SECRET, t = now()) =>
  `t=${t},v1=${hmac(secret, `${t}.${body}`)}`;
const mpSignature = (dataId: string, requestId: string, secret = MP_SECRET, ts = now()) =>
  `ts=${ts},v1=${hmac(secret, `id:${dataId};request-id:${requestId};ts:${ts};`)}`;
const pagbankSignature = (body: string, token = PAGBANK_TOKEN) =>
  createHash('sha256').update(`${token}-${body}`).digest('hex');

/**
 * The providers' webhooks as payments receives them — the booted service, its real SDKs pointed at the
 * partner sandbox (which sends no webhooks of its own here: each test sends exactly the delivery it is
 * about), real PostgreSQL.
 */
describe('payments provider webhooks (booted service, partner sandbox)', () => {
  let sandbox: RunningService;
  let payments: RunningService;
  let db: DataSource;
  let commands: PaymentsCommands;

  beforeAll(async () => {
    sandbox = await startService('partner-sandbox', {
      env: { STRIPE_WEBHOOK_URL: '', MERCADOPAGO_WEBHOOK_URL: '', PAGSEGURO_WEBHOOK_URL: '' },
    });
    payments = await startService('payments', {
      env: {
        ...paymentProviderUrls(sandbox.url),
        STRIPE_SECRET_KEY: STRIPE_KEY,
        STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
        MERCADOPAGO_WEBHOOK_SECRET: MP_SECRET,
        PAGSEGURO_TOKEN: PAGBANK_TOKEN,
        STRIPE_WEBHOOK_SECRET_PREVIOUS: STRIPE_PREVIOUS,
        MERCADOPAGO_WEBHOOK_SECRET_PREVIOUS: MP_PREVIOUS,
        PAGSEGURO_TOKEN_PREVIOUS: PAGBANK_PREVIOUS,
        CARD_PROVIDER_BY_TENANT: 'club-pagbank=pagseguro',
        // Mercado Pago and PagBank notify each payment's own URL: here, nowhere (404 at the sandbox).
        PUBLIC_WEBHOOK_BASE_URL: `${sandbox.url}/nowhere`,
      },
    });
    db = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(payments.database!) }).initialize();
    commands = await PaymentsCommands.open('webhooks-e2e');
  });
  afterAll(async () => {
    await commands?.close();
    await db?.destroy();
    await Promise.allSettled([payments?.stop(), sandbox?.stop()]);
  });

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${payments.url}/webhooks/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const stored = async (provider: string, eventId: string) =>
    (
      await db.query(
        `SELECT raw_body AS "rawBody", event_type AS "eventType", provider_ref AS "providerRef", outcome,
                last_error AS "lastError", processed_at IS NOT NULL AS processed
           FROM provider_event WHERE provider = $1 AND event_id = $2`,
        [provider, eventId],
      )
    )[0] as
      | {
          rawBody: Buffer;
          eventType: string;
          providerRef: string | null;
          outcome: string | null;
          lastError: string | null;
          processed: boolean;
        }
      | undefined;
  const payment = async (tenantId: string, paymentId: string) =>
    (
      await db.query(
        `SELECT status, amount_centavos::int AS amount, provider_ref AS "providerRef" FROM payment
          WHERE tenant_id = $1 AND payment_id = $2`,
        [tenantId, paymentId],
      )
    )[0] as { status: string; amount: number; providerRef: string };
  async function available(tenantId: string, memberId: string) {
    const [{ balance, ledger }] = await db.query(
      `SELECT coalesce((SELECT available_centavos FROM wallet WHERE tenant_id = $1 AND member_id = $2), 0)::int AS balance,
              (SELECT coalesce(sum(amount_centavos), 0) FROM ledger_entry
                WHERE tenant_id = $1 AND account = 'member:' || $2 || ':available')::int AS ledger`,
      [tenantId, memberId],
    );
    expect(balance).toBe(ledger);
    return balance as number;
  }
  /** A member's own top-up, pending at its provider: a card PaymentIntent at Stripe or a Pix at Mercado Pago. */
  async function pendingTopUp(tenantId: string, method: 'card' | 'pix', amountCentavos: number) {
    const memberId = `member-${randomUUID().slice(0, 8)}`;
    const paymentId = `top-up-${randomUUID()}`;
    const reply = await commands.ask<PaymentsCreateTopUpV1, { payment: { status: string } }>(
      PaymentsCreateTopUpV1,
      tenantId,
      memberId,
      { paymentId, memberId, amountCentavos, method },
    );
    expect(reply.data.payment.status).toBe('pending');
    return { memberId, paymentId, providerRef: (await payment(tenantId, paymentId)).providerRef };
  }

  describe('fault 4: a NUL in a webhook body', () => {
    it('Stripe: payment_intent.succeeded with a NUL in its metadata is kept byte for byte and credits the wallet', async () => {
      const { memberId, paymentId, providerRef } = await pendingTopUp('club-aurora', 'card', 2_000);
      // The member's app confirms the card payment at Stripe.
      const confirmed = await fetch(`${sandbox.url}/v1/payment_intents/${providerRef}/confirm`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${STRIPE_KEY}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'payment_method=pm_card_visa',
      });
      expect(confirmed.status).toBe(200);

      const eventId = `evt_${randomUUID().replace(/-/g, '')}`;
      const body = JSON.stringify({
        id: eventId,
        object: 'event',
        type: 'payment_intent.succeeded',
        data: {
          object: {
            id: providerRef,
            object: 'payment_intent',
            status: 'succeeded',
            metadata: { paymentId, memberId, note: 'quadra\u00007 – reserva' },
          },
        },
      });
      expect(body).toContain('\\u0000');
      const res = await post('stripe', body, { 'stripe-signature': stripeSignature(body) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ received: true, duplicate: false });

      await eventually(
        async () => (await payment('club-aurora', paymentId)).status === 'succeeded',
        'payment credited',
      );
      expect(await available('club-aurora', memberId)).toBe(2_000);
      const event = await stored('stripe', eventId);
      expect(event).toMatchObject({
        outcome: 'reconciled',
        providerRef,
        eventType: 'payment_intent.succeeded',
      });
      expect(event!.rawBody.equals(Buffer.from(body))).toBe(true);
    });

    it('Mercado Pago: a notification with a NUL in its body is kept and its paid Pix credited', async () => {
      const { memberId, paymentId, providerRef } = await pendingTopUp('club-boreal', 'pix', 3_000);
      const paid = await fetch(`${sandbox.url}/mercadopago/__admin/payments/${providerRef}/approve`, {
        method: 'POST',
      });
      expect(paid.status).toBeLessThan(300);

      const requestId = randomUUID();
      const notificationId = Date.now();
      const body = JSON.stringify({
        id: notificationId,
        type: 'payment',
        action: 'payment.updated',
        data: { id: providerRef },
        user_id: 'vendedor\u0000',
      });
      const res = await post(`mercadopago?data.id=${providerRef}&type=payment`, body, {
        'x-request-id': requestId,
        'x-signature': mpSignature(providerRef, requestId),
      });
      expect(res.status).toBe(200);

      await eventually(
        async () => (await payment('club-boreal', paymentId)).status === 'succeeded',
        'Pix credited',
      );
      expect(await available('club-boreal', memberId)).toBe(3_000);
      const event = await stored('mercadopago', requestId);
      expect(event).toMatchObject({ outcome: 'reconciled', providerRef });
      expect(event!.rawBody.equals(Buffer.from(body))).toBe(true);
    });

    it('PagBank: a charge notification with a NUL in its body is kept and reconciled', async () => {
      const memberId = `member-${randomUUID().slice(0, 8)}`;
      const saved = await commands.ask(PaymentsSavePaymentMethodV1, 'club-pagbank', memberId, {
        memberId,
        token: 'CARD_E2E_OK',
      });
      expect(saved.data).toMatchObject({ outcome: 'saved' });
      const paymentId = `top-up-${randomUUID()}`;
      const charged = await commands.ask(PaymentsChargeTopUpV1, 'club-pagbank', memberId, {
        paymentId,
        memberId,
        amountCentavos: 2_500,
        method: 'card',
        idempotencyKey: `check-in:${paymentId}:top-up:1`,
      });
      expect(charged.data).toMatchObject({ outcome: 'succeeded' });
      const { providerRef } = await payment('club-pagbank', paymentId);

      const body = JSON.stringify({ id: providerRef, status: 'PAID', description: 'Crédito\u0000quadra' });
      const res = await post('pagseguro', body, { 'x-authenticity-token': pagbankSignature(body) });
      expect(res.status).toBe(200);
      const eventId = createHash('sha256').update(body).digest('hex');
      await eventually(
        async () => (await stored('pagseguro', eventId))?.processed === true,
        'notification processed',
      );
      const event = await stored('pagseguro', eventId);
      expect(event).toMatchObject({ outcome: 'reconciled', providerRef });
      expect(event!.rawBody.equals(Buffer.from(body))).toBe(true);
      expect(await available('club-pagbank', memberId)).toBe(2_500); // credited once, by the charge
    });

    it('keeps a signed event it can never process with its outcome and answers 2xx: no retry loop', async () => {
      const unusable = JSON.stringify({
        id: `evt_${randomUUID().replace(/-/g, '')}\u0000`,
        object: 'event',
        type: 'payment_intent.succeeded',
        data: { object: { id: 12345, object: 'payment_intent' } },
      });
      const res = await post('stripe', unusable, { 'stripe-signature': stripeSignature(unusable) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        received: true,
        duplicate: false,
        outcome: 'unprocessable',
        reason: 'payment_intent.succeeded names no usable payment reference',
      });
      const digest = `sha256:${createHash('sha256').update(unusable).digest('hex')}`;
      expect(await stored('stripe', digest)).toMatchObject({
        outcome: 'unprocessable',
        processed: true,
        providerRef: null,
      });
      const again = await post('stripe', unusable, { 'stripe-signature': stripeSignature(unusable) });
      expect(await again.json()).toMatchObject({ received: true, duplicate: true });

      const other = JSON.stringify({
        id: `evt_${randomUUID()}`,
        object: 'event',
        type: 'customer.created',
        data: { object: { id: 'cus_1' } },
      });
      const ignored = await post('stripe', other, { 'stripe-signature': stripeSignature(other) });
      expect(await ignored.json()).toMatchObject({ received: true, outcome: 'ignored' });
    });
  });

  describe('fault 5: signing secrets in rotation', () => {
    const stripeEvent = () =>
      JSON.stringify({
        id: `evt_${randomUUID().replace(/-/g, '')}`,
        object: 'event',
        type: 'payment_intent.succeeded',
        data: { object: { id: `pi_${randomUUID().slice(0, 8)}`, object: 'payment_intent' } },
      });

    it('Stripe: accepts t=…,v1=<valid>,v1=<old>, and a signature by the previous secret; refuses a retired one', async () => {
      const t = now();
      const body = stripeEvent();
      const v1 = (secret: string) => hmac(secret, `${t}.${body}`);
      const valid = await post('stripe', body, {
        'stripe-signature': `t=${t},v1=${v1(STRIPE_SECRET)},v1=${v1(RETIRED)}`,
      });
      expect(valid.status).toBe(200);
      expect(await valid.json()).toEqual({ received: true, duplicate: false });

      const byPrevious = stripeEvent();
      const previous = await post('stripe', byPrevious, {
        'stripe-signature': stripeSignature(byPrevious, STRIPE_PREVIOUS),
      });
      expect(previous.status).toBe(200);
      expect(await stored('stripe', JSON.parse(byPrevious).id)).toBeDefined();

      const byRetired = stripeEvent();
      const retired = await post('stripe', byRetired, {
        'stripe-signature': stripeSignature(byRetired, RETIRED),
      });
      expect(retired.status).toBe(400);
      expect(await retired.json()).toMatchObject({
        error: 'invalid_signature',
        reason: expect.stringMatching(/signature/i),
      });
      expect(await stored('stripe', JSON.parse(byRetired).id)).toBeUndefined();
    });

    it('Mercado Pago and PagBank: accept the previous secret (and any matching v1), refuse a retired one', async () => {
      const notify = (dataId: string, signature: (requestId: string) => string) => {
        const requestId = randomUUID();
        return post(
          `mercadopago?data.id=${dataId}&type=payment`,
          JSON.stringify({
            id: Date.now() + Math.floor(Math.random() * 1e6),
            type: 'payment',
            data: { id: dataId },
          }),
          { 'x-request-id': requestId, 'x-signature': signature(requestId) },
        );
      };
      const twoSignatures = (requestId: string) => {
        const ts = now();
        const v1 = (secret: string) => hmac(secret, `id:4242;request-id:${requestId};ts:${ts};`);
        return `ts=${ts},v1=${v1(RETIRED)},v1=${v1(MP_PREVIOUS)}`;
      };
      expect((await notify('4242', twoSignatures)).status).toBe(200);
      expect((await notify('4243', (r) => mpSignature('4243', r, MP_PREVIOUS))).status).toBe(200);
      expect((await notify('4244', (r) => mpSignature('4244', r, RETIRED))).status).toBe(400);

      const body = JSON.stringify({ id: `CHAR_${randomUUID()}`, status: 'PAID' });
      expect(
        (await post('pagseguro', body, { 'x-authenticity-token': pagbankSignature(body, PAGBANK_PREVIOUS) }))
          .status,
      ).toBe(200);
      const other = JSON.stringify({ id: `CHAR_${randomUUID()}`, status: 'PAID' });
      expect(
        (await post('pagseguro', other, { 'x-authenticity-token': pagbankSignature(other, RETIRED) })).status,
      ).toBe(400);
    });
  });

  describe('a captured Mercado Pago signature replayed with another body (only the query data.id is signed)', () => {
    it('refuses a body data.id other than the signed one, and keeps a replay with another notification id as a duplicate', async () => {
      const victim = await pendingTopUp('club-boreal', 'pix', 4_000);
      const captured = await pendingTopUp('club-boreal', 'pix', 1_000);
      const requestId = randomUUID();
      const signature = mpSignature(captured.providerRef, requestId);
      const notification = (id: number, dataId: string) =>
        JSON.stringify({ id, type: 'payment', action: 'payment.updated', data: { id: dataId } });
      const deliver = (body: string) =>
        post(`mercadopago?data.id=${captured.providerRef}&type=payment`, body, {
          'x-request-id': requestId,
          'x-signature': signature,
        });
      const rowsWith = async (body: string) =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM provider_event WHERE provider = 'mercadopago' AND raw_body = $1`,
            [Buffer.from(body)],
          )
        )[0].n as number;

      const genuine = notification(Date.now(), captured.providerRef);
      const first = await deliver(genuine);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ received: true, duplicate: false });

      // The same signature and x-request-id within the tolerance, the body naming another payment.
      const forged = notification(Date.now() + 1, victim.providerRef);
      const refused = await deliver(forged);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({
        error: 'invalid_event',
        reason: 'body data.id does not match the signed data.id query parameter',
      });
      expect(await rowsWith(forged)).toBe(0);

      // The signed id lower-cased in the body is the same id; a new notification id is still the same
      // signed delivery: nothing new is stored.
      const replayed = notification(Date.now() + 2, captured.providerRef.toLowerCase());
      const again = await deliver(replayed);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ received: true, duplicate: true });
      expect(await rowsWith(replayed)).toBe(0);
      expect(await stored('mercadopago', requestId)).toMatchObject({ providerRef: captured.providerRef });
      expect(
        (
          await db.query(
            `SELECT count(*)::int AS n FROM provider_event WHERE provider = 'mercadopago' AND provider_ref = $1`,
            [victim.providerRef],
          )
        )[0].n,
      ).toBe(0);
      expect((await payment('club-boreal', victim.paymentId)).status).toBe('pending');
    });
  });

  describe('fault 12: a Mercado Pago data.id in mixed case', () => {
    const dataId = 'ORD01JQ4S4KY8HWq6na5pxb65B3D3';
    const notify = (id: string, signedId: string, query = `data.id=${id}&type=order`) => {
      const requestId = randomUUID();
      const body = JSON.stringify({
        id: Date.now() + Math.floor(Math.random() * 1e6),
        type: 'order',
        action: 'order.processed',
        data: { id },
      });
      return post(`mercadopago?${query}`, body, {
        'x-request-id': requestId,
        'x-signature': mpSignature(signedId, requestId),
      });
    };

    it('accepts a notification signed over the id as sent, and over it lower-cased', async () => {
      const asSent = await notify(dataId, dataId);
      expect(asSent.status).toBe(200);
      expect(await asSent.json()).toMatchObject({ received: true, outcome: 'ignored' });
      expect((await notify(dataId, dataId.toLowerCase())).status).toBe(200);
    });

    it('refuses a signature over another form of the id, and a data.id given twice, with a clear 400', async () => {
      const forged = await notify(dataId, dataId.toUpperCase());
      expect(forged.status).toBe(400);
      expect(await forged.json()).toEqual({
        error: 'invalid_signature',
        reason: 'signature does not match the notification',
      });
      const twice = await notify(dataId, dataId, `data.id=${dataId}&data.id=other&type=order`);
      expect(twice.status).toBe(400);
      expect(await twice.json()).toEqual({
        error: 'invalid_signature',
        reason: 'data.id query parameter must appear once',
      });
    });
  });
});
