import { createHash, createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { verifyMercadoPago, verifyPagSeguro, verifyStripe } from './provider-webhook.verifier';

describe('payment webhook signatures', () => {
  it('Stripe: accepts what Stripe signs and names the payment intent of payment and refund events', () => {
    const secret = 'whsec_test_secret_value';
    const payload = JSON.stringify({
      id: 'evt_1',
      object: 'event',
      type: 'charge.refunded',
      data: { object: { id: 'ch_1', object: 'charge', payment_intent: 'pi_1' } },
    });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    expect(verifyStripe(secret, Buffer.from(payload), header)).toEqual({
      ok: true,
      event: { provider: 'stripe', eventId: 'evt_1', eventType: 'charge.refunded', providerRef: 'pi_1' },
    });
    expect(verifyStripe('whsec_another_secret', Buffer.from(payload), header).ok).toBe(false);
    expect(verifyStripe(secret, Buffer.from(payload.replace('pi_1', 'pi_2')), header).ok).toBe(false);
    expect(verifyStripe(secret, Buffer.from(payload), undefined)).toEqual({
      ok: false,
      reason: 'Stripe-Signature header is missing',
    });
  });

  it('Mercado Pago: checks the id;request-id;ts manifest, the tolerance and the header shape', () => {
    const secret = 'mp-secret-0123456789';
    const now = 1_800_000_000;
    const sign = (dataId: string, requestId: string, ts: number) =>
      `ts=${ts},v1=${createHmac('sha256', secret).update(`id:${dataId};request-id:${requestId};ts:${ts};`).digest('hex')}`;
    const body = { id: 987, type: 'payment', action: 'payment.updated' };
    const ok = verifyMercadoPago(
      secret,
      { signature: sign('123', 'req-1', now), requestId: 'req-1' },
      { dataId: '123', type: 'payment' },
      body,
      now,
    );
    expect(ok).toEqual({
      ok: true,
      event: { provider: 'mercadopago', eventId: '987', eventType: 'payment.updated', providerRef: '123' },
    });
    const headers = { signature: sign('123', 'req-1', now), requestId: 'req-2' };
    expect(verifyMercadoPago(secret, headers, { dataId: '123' }, body, now)).toMatchObject({
      ok: false,
      reason: 'signature does not match the notification',
    });
    expect(
      verifyMercadoPago(
        secret,
        { signature: sign('123', 'r', now - 301), requestId: 'r' },
        { dataId: '123' },
        body,
        now,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/tolerance/) });
    expect(
      verifyMercadoPago(secret, { signature: 'v1=abc', requestId: 'r' }, { dataId: '1' }, body, now),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/must be/),
    });
    expect(verifyMercadoPago(secret, { requestId: 'r' }, { dataId: '1' }, body, now).ok).toBe(false);
  });

  it('PagBank: SHA-256 of token-body; the event id is the body digest, so a redelivery dedupes', () => {
    const token = 'pagseguro-token-0123456789';
    const raw = Buffer.from(JSON.stringify({ id: 'CHAR_1', status: 'PAID' }));
    const header = createHash('sha256').update(`${token}-${raw.toString()}`).digest('hex');
    const ok = verifyPagSeguro(token, raw, header);
    expect(ok).toMatchObject({ ok: true, event: { providerRef: 'CHAR_1', eventType: 'charge.paid' } });
    expect(verifyPagSeguro(token, raw, header)).toEqual(ok);
    expect(verifyPagSeguro('other-token-0123456789', raw, header).ok).toBe(false);
    expect(verifyPagSeguro(token, raw, 'nothex')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/hex/),
    });
  });
});
