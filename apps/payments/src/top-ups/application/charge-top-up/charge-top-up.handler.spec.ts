import { tx } from '../../../../test/support/in-memory-ports';
import { topUpsKit } from '../../../../test/support/top-ups.kit';
import { PaymentDeclinedError, PaymentRequestInvalidError } from '../ports/payment-gateway.port';
import { ChargeTopUpHandler } from './charge-top-up.handler';

const flow = { tenantId: 'club-aurora', correlationId: 'check-in-1' };
const request = {
  paymentId: 'top-up-1',
  memberId: 'ana',
  amountCentavos: 1_500,
  method: 'card' as const,
  idempotencyKey: 'check-in:1:top-up:1',
};

function setup() {
  const kit = topUpsKit();
  const charge = new ChargeTopUpHandler(kit.record, kit.payments);
  const saveVisa = () =>
    kit.payments.saveMethod(tx, flow.tenantId, 'ana', 'stripe', { methodId: 'pm_1', customerRef: 'cus_1' });
  return { ...kit, charge, saveVisa };
}

describe('ChargeTopUpHandler', () => {
  it('charges the saved card once with the idempotency key and credits the wallet once, however often asked', async () => {
    const { charge, saveVisa, stripe, outbox, balance } = setup();
    await saveVisa();

    const first = await charge.execute(flow, request);
    const again = await charge.execute(flow, request);

    expect(first).toMatchObject({
      status: 'succeeded',
      amountCentavos: 1_500,
      provider: 'stripe',
      correlationId: 'check-in-1',
    });
    expect(again).toMatchObject({ paymentId: 'top-up-1', status: 'succeeded' });
    expect(stripe.calls).toEqual([
      {
        operation: 'chargeSaved',
        args: [
          expect.objectContaining({ amountCentavos: 1_500, idempotencyKey: 'check-in:1:top-up:1' }),
          expect.objectContaining({ methodId: 'pm_1' }),
        ],
      },
    ]);
    expect(await balance(flow.tenantId, 'ana')).toBe(1_500);
    expect(outbox.types()).toEqual(['payments.wallet.topped-up.v1', 'payments.payment.succeeded.v1']);
  });

  it('records a declined card as a failed payment with the reason, crediting nothing', async () => {
    const { charge, saveVisa, stripe, outbox, balance } = setup();
    await saveVisa();
    stripe.answer = () =>
      new PaymentDeclinedError(
        'card declined (insufficient_funds): Your card has insufficient funds.',
        'pi_9',
      );

    expect(await charge.execute(flow, request)).toMatchObject({
      status: 'failed',
      providerRef: 'pi_9',
      reason: expect.stringMatching(/insufficient_funds/),
    });
    expect(await balance(flow.tenantId, 'ana')).toBe(0);
    expect(outbox.types()).toEqual(['payments.payment.failed.v1']);
  });

  it("charges a shortfall below the provider's minimum at the minimum, the rest staying as credit", async () => {
    const { charge, saveVisa, stripe, balance, outbox } = setup();
    await saveVisa();
    stripe.minimumChargeCentavos = 50;

    expect(await charge.execute(flow, { ...request, amountCentavos: 20 })).toMatchObject({
      status: 'succeeded',
      amountCentavos: 50,
    });
    expect(stripe.calls[0].args[0]).toMatchObject({ amountCentavos: 50 });
    expect(await balance(flow.tenantId, 'ana')).toBe(50);
    expect(outbox.published.find((e) => e.type === 'payments.payment.succeeded.v1')).toMatchObject({
      data: { amountCentavos: 50 },
    });
  });

  it('answers a request the provider refuses as invalid with a failed payment at once, asking once', async () => {
    const { charge, saveVisa, stripe, outbox, balance } = setup();
    await saveVisa();
    stripe.answer = () =>
      new PaymentRequestInvalidError(
        'stripe refused the request (amount_too_small, param amount): Amount must be at least 0.50 brl',
      );

    expect(await charge.execute(flow, request)).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/amount_too_small/),
    });
    expect(await charge.execute(flow, request)).toMatchObject({ status: 'failed' });
    expect(stripe.calls).toHaveLength(1);
    expect(await balance(flow.tenantId, 'ana')).toBe(0);
    expect(outbox.types()).toEqual(['payments.payment.failed.v1']);
  });

  it('fails a shortfall above the top-up limit at once, naming the limit, without calling the provider', async () => {
    const { charge, saveVisa, stripe, mercadoPago, outbox, balance, limits } = setup();
    await saveVisa();
    const court = { ...request, amountCentavos: 10_000_000 }; // a court priced R$ 100.000,00

    for (const method of ['card', 'pix'] as const) {
      const p = await charge.execute(flow, { ...court, method, paymentId: `top-up-${method}` });
      expect(p).toMatchObject({
        status: 'failed',
        amountCentavos: 10_000_000,
        reason: '10000000 centavos is above the top-up limit of 500000 centavos',
      });
    }
    limits.maximumCentavos = 200_000; // configured lower
    expect(
      await charge.execute(flow, { ...request, amountCentavos: 200_001, paymentId: 'top-up-3' }),
    ).toMatchObject({ status: 'failed', reason: expect.stringMatching(/limit of 200000 centavos$/) });
    expect([...stripe.calls, ...mercadoPago.calls]).toEqual([]);
    expect(await balance(flow.tenantId, 'ana')).toBe(0);
    expect(outbox.types()).toEqual(Array(3).fill('payments.payment.failed.v1'));

    expect(
      await charge.execute(flow, { ...request, amountCentavos: 200_000, paymentId: 'top-up-4' }),
    ).toMatchObject({ status: 'succeeded', amountCentavos: 200_000 });
  });

  it('answers an amount beyond exact centavos failed without recording it, the same to every redelivery', async () => {
    const { charge, saveVisa, stripe, payments, outbox } = setup();
    await saveVisa();
    const absurd = { ...request, amountCentavos: 1e20 };

    for (let delivery = 0; delivery < 2; delivery++) {
      expect(await charge.execute(flow, absurd)).toMatchObject({
        status: 'failed',
        reason: '100000000000000000000 centavos is above the top-up limit of 500000 centavos',
      });
    }
    expect(payments.payments.size).toBe(0);
    expect(stripe.calls).toEqual([]);
    expect(outbox.published).toEqual([]);
  });

  it('fails at once without calling the provider when there is no saved card', async () => {
    const { charge, stripe } = setup();
    expect(await charge.execute(flow, request)).toMatchObject({
      status: 'failed',
      reason: 'the member has no saved card',
    });
    expect(stripe.calls).toEqual([]);
  });

  it('lets an outage throw, booking nothing, so the command is tried again: the retry makes the recorded call once', async () => {
    const { charge, saveVisa, stripe, payments, outbox, balance } = setup();
    await saveVisa();
    const succeed = stripe.answer;
    stripe.answer = () => Object.assign(new Error('Stripe answered 503'), { statusCode: 503 });
    await expect(charge.execute(flow, request)).rejects.toThrow('503');
    // The payment waits on its call, exactly as it will be made again; nothing else happened.
    expect(await payments.find(tx, flow.tenantId, 'top-up-1')).toMatchObject({
      status: 'pending',
      providerRef: null,
      providerCall: {
        operation: 'charge-saved-card',
        idempotencyKey: 'check-in:1:top-up:1',
        card: { methodId: 'pm_1' },
      },
    });
    expect(outbox.published).toEqual([]);
    expect(await balance(flow.tenantId, 'ana')).toBe(0);

    stripe.answer = succeed;
    expect(await charge.execute(flow, request)).toMatchObject({ status: 'succeeded', amountCentavos: 1_500 });
    expect(stripe.calls.map((c) => (c.args[0] as { idempotencyKey: string }).idempotencyKey)).toEqual([
      'check-in:1:top-up:1',
      'check-in:1:top-up:1',
    ]);
    expect(stripe.charges).toBe(1);
    expect((await payments.find(tx, flow.tenantId, 'top-up-1'))?.providerCall).toBeNull();
    expect(await balance(flow.tenantId, 'ana')).toBe(1_500);
    expect(outbox.types()).toEqual(['payments.wallet.topped-up.v1', 'payments.payment.succeeded.v1']);
  });

  it('repeats the recorded call, with the card it recorded, even when the saved card changed meanwhile', async () => {
    const { charge, saveVisa, stripe, payments } = setup();
    await saveVisa();
    const succeed = stripe.answer;
    stripe.answer = () => Object.assign(new Error('Stripe answered 503'), { statusCode: 503 });
    await expect(charge.execute(flow, request)).rejects.toThrow('503');
    await payments.saveMethod(tx, flow.tenantId, 'ana', 'stripe', { methodId: 'pm_2', customerRef: 'cus_1' });

    stripe.answer = succeed;
    expect(await charge.execute(flow, request)).toMatchObject({ status: 'succeeded' });
    expect(stripe.calls.map((c) => (c.args[1] as { methodId: string }).methodId)).toEqual(['pm_1', 'pm_1']);
  });

  it('opens a Pix charge pending with its QR code, to be answered later at the reply address', async () => {
    const { charge, mercadoPago, payments } = setup();
    mercadoPago.answer = (_op, amountCentavos) => ({
      providerRef: '123',
      status: 'pending',
      amountCentavos,
      refundedCentavos: 0,
      pix: { qrCode: '000201...', expiresAt: '2030-01-01T00:00:00.000Z' },
    });
    const late = { replyTo: 'saga.replies', correlationId: 'c-1', commandId: 'cmd-1' };
    expect(await charge.execute(flow, { ...request, method: 'pix' }, late)).toMatchObject({
      status: 'pending',
      provider: 'mercadopago',
      pix: { qrCode: '000201...' },
    });
    expect((await payments.find(tx, flow.tenantId, 'top-up-1'))?.lateReply).toEqual(late);
  });
});
