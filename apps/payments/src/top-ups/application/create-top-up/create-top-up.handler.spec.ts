import { topUpsKit } from '../../../../test/support/top-ups.kit';
import { CreateTopUpHandler } from './create-top-up.handler';

const flow = { tenantId: 'club-boreal' };
const request = {
  paymentId: 'p-1',
  memberId: 'elisa',
  amountCentavos: 5_000,
  method: 'card' as const,
  idempotencyKey: 'top-up:club-boreal:p-1',
};

describe('CreateTopUpHandler', () => {
  it("answers a card top-up with the provider's client secret, and asks the provider for it when asked again", async () => {
    const { stripe, gateways, record, balance } = topUpsKit();
    stripe.answer = (_op, amountCentavos) => ({
      providerRef: 'pi_1',
      status: 'pending',
      amountCentavos,
      refundedCentavos: 0,
      clientSecret: 'pi_1_secret_x',
    });
    const create = new CreateTopUpHandler(record, gateways);

    expect(await create.execute(flow, request)).toMatchObject({
      status: 'pending',
      clientSecret: 'pi_1_secret_x',
    });
    expect(await create.execute(flow, request)).toMatchObject({
      paymentId: 'p-1',
      clientSecret: 'pi_1_secret_x',
    });
    expect(stripe.calls.map((c) => c.operation)).toEqual(['createCardPayment', 'fetch']);
    expect(await balance(flow.tenantId, 'elisa')).toBe(0);
  });

  it('answers a Pix top-up with its QR code, credited only when paid', async () => {
    const { mercadoPago, gateways, record, balance } = topUpsKit();
    mercadoPago.answer = (_op, amountCentavos) => ({
      providerRef: '77',
      status: 'pending',
      amountCentavos,
      refundedCentavos: 0,
      pix: { qrCode: '000201', expiresAt: '2030-01-01T00:00:00.000Z' },
    });
    const p = await new CreateTopUpHandler(record, gateways).execute(flow, { ...request, method: 'pix' });
    expect(p).toMatchObject({ status: 'pending', provider: 'mercadopago', pix: { qrCode: '000201' } });
    expect(p.clientSecret).toBeUndefined();
    expect(await balance(flow.tenantId, 'elisa')).toBe(0);
  });

  it("refuses an amount the member chose below the provider's minimum, without asking the provider", async () => {
    const { stripe, gateways, record, outbox } = topUpsKit();
    stripe.minimumChargeCentavos = 50;
    const p = await new CreateTopUpHandler(record, gateways).execute(flow, {
      ...request,
      amountCentavos: 20,
    });
    expect(p).toMatchObject({
      status: 'failed',
      amountCentavos: 20,
      reason: "R$ 0,20 is below stripe's smallest charge of R$ 0,50",
    });
    expect(stripe.calls).toEqual([]);
    expect(outbox.types()).toEqual(['payments.payment.failed.v1']);
  });

  it('refuses an amount above the top-up limit, naming it, without asking the provider', async () => {
    const { stripe, mercadoPago, gateways, record, outbox, balance } = topUpsKit();
    const create = new CreateTopUpHandler(record, gateways);
    for (const method of ['card', 'pix'] as const) {
      expect(
        await create.execute(flow, {
          ...request,
          paymentId: `p-${method}`,
          amountCentavos: 500_001,
          method,
        }),
      ).toMatchObject({
        status: 'failed',
        amountCentavos: 500_001,
        reason: '500001 centavos is above the top-up limit of 500000 centavos',
      });
    }
    expect([...stripe.calls, ...mercadoPago.calls]).toEqual([]);
    expect(outbox.types()).toEqual(['payments.payment.failed.v1', 'payments.payment.failed.v1']);
    expect(await balance(flow.tenantId, 'elisa')).toBe(0);
  });
});
