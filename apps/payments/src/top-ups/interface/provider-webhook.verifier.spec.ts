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
    expect(verifyStripe({ current: secret }, Buffer.from(payload), header)).toEqual({
      ok: true,
      event: { provider: 'stripe', eventId: 'evt_1', eventType: 'charge.refunded', providerRef: 'pi_1' },
    });
    expect(verifyStripe({ current: 'whsec_another_secret' }, Buffer.from(payload), header).ok).toBe(false);
    expect(verifyStripe({ current: secret }, Buffer.from(payload.replace('pi_1', 'pi_2')), header).ok).toBe(
      false,
    );
    expect(verifyStripe({ current: secret }, Buffer.from(payload), undefined)).toEqual({
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
      { current: secret },
      { signature: sign('123', 'req-1', now), requestId: 'req-1' },
      { dataId: '123', type: 'payment' },
      body,
      now,
    );
    expect(ok).toEqual({
      ok: true,
      event: { provider: 'mercadopago', eventId: 'req-1', eventType: 'payment.updated', providerRef: '123' },
    });
    const headers = { signature: sign('123', 'req-1', now), requestId: 'req-2' };
    expect(verifyMercadoPago({ current: secret }, headers, { dataId: '123' }, body, now)).toMatchObject({
      ok: false,
      reason: 'signature does not match the notification',
    });
    expect(
      verifyMercadoPago(
        { current: secret },
        { signature: sign('123', 'r', now - 301), requestId: 'r' },
        { dataId: '123' },
        body,
        now,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/tolerance/) });
    expect(
      verifyMercadoPago(
        { current: secret },
        { signature: 'v1=abc', requestId: 'r' },
        { dataId: '1' },
        body,
        now,
      ),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/must be/),
    });
    expect(verifyMercadoPago({ current: secret }, { requestId: 'r' }, { dataId: '1' }, body, now).ok).toBe(
      false,
    );
  });

  describe('a Mercado Pago signature replayed with another body (only the query data.id is signed)', () => {
    const secret = 'mp-secret-0123456789';
    const now = 1_800_000_000;
    const dataId = 'ORD01JQ4S4KY8HWq6na5pxb65B3D3';
    const signature = `ts=${now},v1=${createHmac('sha256', secret).update(`id:${dataId};request-id:req-7;ts:${now};`).digest('hex')}`;
    const verify = (body: Record<string, unknown>) =>
      verifyMercadoPago(
        { current: secret },
        { signature, requestId: 'req-7' },
        { dataId, type: 'payment' },
        body,
        now,
      );

    it('refuses a body whose data.id is not the signed one', () => {
      for (const data of [{ id: 'ORD-someone-else' }, { id: 4242 }, { id: { $ne: 1 } }, 'x', [dataId]]) {
        expect(verify({ id: 1, type: 'payment', data })).toEqual({
          ok: false,
          error: 'invalid_event',
          reason: expect.stringMatching(/^body data/),
        });
      }
      expect(verify({ type: 'payment', data: { id: 'ORD-someone-else' } })).toMatchObject({
        reason: 'body data.id does not match the signed data.id query parameter',
      });
    });

    it('accepts the signed id in the body as sent or lower-cased, or no data.id at all', () => {
      for (const data of [{ id: dataId }, { id: dataId.toLowerCase() }, {}, undefined]) {
        expect(verify({ id: 1, type: 'payment', data })).toMatchObject({
          ok: true,
          event: { providerRef: dataId },
        });
      }
    });

    it('takes the event id from the signed x-request-id, never from the body', () => {
      const first = verify({ id: 1, type: 'payment', data: { id: dataId } });
      const replayed = verify({ id: 2, type: 'payment', data: { id: dataId } });
      expect(first).toMatchObject({ ok: true, event: { eventId: 'req-7' } });
      expect(replayed).toEqual(first);
      expect(
        verifyMercadoPago(
          { current: secret },
          { signature, requestId: 'req\u0001' },
          { dataId, type: 'payment' },
          {},
          now,
        ),
      ).toEqual({ ok: false, reason: 'x-request-id must be 1 to 255 printable characters' });
    });
  });

  it('PagBank: SHA-256 of token-body; the event id is the body digest, so a redelivery dedupes', () => {
    const token = 'pagseguro-token-0123456789';
    const raw = Buffer.from(JSON.stringify({ id: 'CHAR_1', status: 'PAID' }));
    const header = createHash('sha256').update(`${token}-${raw.toString()}`).digest('hex');
    const ok = verifyPagSeguro({ current: token }, raw, header);
    expect(ok).toMatchObject({ ok: true, event: { providerRef: 'CHAR_1', eventType: 'charge.paid' } });
    expect(verifyPagSeguro({ current: token }, raw, header)).toEqual(ok);
    expect(verifyPagSeguro({ current: 'other-token-0123456789' }, raw, header).ok).toBe(false);
    // The charge id is read from the signed body only: another id under the same signature is refused.
    const tampered = Buffer.from(raw.toString().replace('CHAR_1', 'CHAR_2'));
    expect(verifyPagSeguro({ current: token }, tampered, header)).toEqual({
      ok: false,
      reason: 'signature does not match the body',
    });
    expect(verifyPagSeguro({ current: token }, raw, 'nothex')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/hex/),
    });
  });

  describe('fault 5: secret rotation', () => {
    const payload = JSON.stringify({
      id: 'evt_9',
      object: 'event',
      type: 'payment_intent.succeeded',
      data: { object: { id: 'pi_9', object: 'payment_intent' } },
    });
    const t = Math.floor(Date.now() / 1000);
    const v1 = (secret: string) => createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
    const [current, previous, stranger] = [
      'whsec_new_0123456789',
      'whsec_old_0123456789',
      'whsec_who_0123456789',
    ];

    it('Stripe: accepts t=…,v1=<valid>,v1=<old> when any v1 matches, and a signature by the previous secret', () => {
      const both = `t=${t},v1=${v1(current)},v1=${v1(previous)}`;
      expect(verifyStripe({ current }, Buffer.from(payload), both)).toMatchObject({ ok: true });
      expect(
        verifyStripe({ current }, Buffer.from(payload), `t=${t},v1=${v1(stranger)},v1=${v1(current)}`).ok,
      ).toBe(true);
      const byOld = `t=${t},v1=${v1(previous)}`;
      expect(verifyStripe({ current }, Buffer.from(payload), byOld).ok).toBe(false);
      expect(verifyStripe({ current, previous }, Buffer.from(payload), byOld)).toMatchObject({
        ok: true,
        event: { eventId: 'evt_9', providerRef: 'pi_9' },
      });
      expect(
        verifyStripe({ current, previous }, Buffer.from(payload), `t=${t},v1=${v1(stranger)}`),
      ).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/No signatures found matching/),
      });
      const stale = t - 600;
      const staleHeader = `t=${stale},v1=${createHmac('sha256', previous).update(`${stale}.${payload}`).digest('hex')}`;
      expect(verifyStripe({ current, previous }, Buffer.from(payload), staleHeader)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/tolerance/i),
      });
    });

    it('Mercado Pago: accepts any of several v1 and the previous secret; PagBank the previous token', () => {
      const now = 1_800_000_000;
      const sign = (secret: string) =>
        createHmac('sha256', secret).update(`id:123;request-id:r;ts:${now};`).digest('hex');
      const notification = { id: 1, type: 'payment' };
      const check = (secrets: { current: string; previous?: string }, signature: string) =>
        verifyMercadoPago(secrets, { signature, requestId: 'r' }, { dataId: '123' }, notification, now).ok;
      expect(check({ current }, `ts=${now},v1=${sign(previous)},v1=${sign(current)}`)).toBe(true);
      expect(check({ current }, `ts=${now},v1=${sign(previous)}`)).toBe(false);
      expect(check({ current, previous }, `ts=${now},v1=${sign(previous)}`)).toBe(true);
      expect(check({ current, previous }, `ts=${now},v1=${sign(stranger)}`)).toBe(false);
      expect(
        check(
          { current },
          `ts=${now},${Array(9)
            .fill(`v1=${sign(current)}`)
            .join(',')}`,
        ),
      ).toBe(false);

      const raw = Buffer.from('{"id":"CHAR_1","status":"PAID"}');
      const byOld = createHash('sha256').update(`${previous}-${raw.toString()}`).digest('hex');
      expect(verifyPagSeguro({ current }, raw, byOld).ok).toBe(false);
      expect(verifyPagSeguro({ current, previous }, raw, byOld).ok).toBe(true);
    });
  });

  describe('fault 12: a Mercado Pago data.id in mixed case', () => {
    const secret = 'mp-secret-0123456789';
    const now = 1_800_000_000;
    const dataId = 'ORD01JQ4S4KY8HWq6na5pxb65B3D3';
    const sign = (id: string) =>
      `ts=${now},v1=${createHmac('sha256', secret).update(`id:${id};request-id:req-9;ts:${now};`).digest('hex')}`;
    const verify = (signature: string, id: unknown = dataId) =>
      verifyMercadoPago(
        { current: secret },
        { signature, requestId: 'req-9' },
        { dataId: id, type: 'order' },
        { id: 55, type: 'order', action: 'order.processed' },
        now,
      );

    it('accepts the manifest signed over the id as sent (the SDKs) and lower-cased (the docs)', () => {
      expect(verify(sign(dataId))).toEqual({
        ok: true,
        event: { provider: 'mercadopago', eventId: 'req-9', eventType: 'order.processed' },
      });
      expect(verify(sign(dataId.toLowerCase())).ok).toBe(true);
      expect(verify(sign(dataId.toUpperCase()))).toMatchObject({
        ok: false,
        reason: 'signature does not match the notification',
      });
    });

    it('refuses a data.id given twice with a clear reason instead of failing', () => {
      expect(verify(sign(dataId), [dataId, 'other'])).toEqual({
        ok: false,
        reason: 'data.id query parameter must appear once',
      });
    });
  });
});
