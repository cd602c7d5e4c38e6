import type { Envelope } from '@sportclub/contracts';
import { InMemoryWalletRepository, RecordingOutbox, tx } from '../../../../test/support/in-memory-ports';
import { BookPaymentHandler } from '../book-payment/book-payment.handler';
import { SettleConsumptionHandler } from './settle-consumption.handler';

const flow = { tenantId: 'club-aurora' };

async function setup(availableCentavos: number) {
  const wallets = new InMemoryWalletRepository();
  const outbox = new RecordingOutbox();
  await new BookPaymentHandler(wallets, new RecordingOutbox()).credit(tx, flow, {
    memberId: 'ana',
    paymentId: 'p-1',
    provider: 'stripe',
    amountCentavos: availableCentavos,
  });
  return { wallets, outbox, settle: new SettleConsumptionHandler(wallets, outbox) };
}

describe('SettleConsumptionHandler', () => {
  it('takes what the credit covers and reports the rest unpaid; the balance never goes negative', async () => {
    const wallets = new InMemoryWalletRepository();
    const outbox = new RecordingOutbox();
    await new BookPaymentHandler(wallets, new RecordingOutbox()).credit(tx, flow, {
      memberId: 'ana',
      paymentId: 'p-1',
      provider: 'stripe',
      amountCentavos: 1_200,
    });
    const settle = new SettleConsumptionHandler(wallets, outbox);

    await settle.execute(tx, flow, { memberId: 'ana', sessionId: 's-1', consumptionCentavos: 1_500 });
    await settle.execute(tx, flow, { memberId: 'ana', sessionId: 's-2', consumptionCentavos: 400 });

    expect((outbox.published as Envelope<Record<string, number>>[]).map((e) => e.data)).toEqual([
      expect.objectContaining({ chargedCentavos: 1_200, unpaidCentavos: 300, balanceCentavos: 0 }),
      expect.objectContaining({ chargedCentavos: 0, unpaidCentavos: 400, balanceCentavos: 0 }),
    ]);
    expect(wallets.accountTotal(flow.tenantId, 'club:revenue')).toBe(1_200);
    expect(wallets.accountTotal(flow.tenantId, 'member:ana:available')).toBe(0);
  });

  it('refuses a consumption beyond exact centavos, taking nothing, and records why', async () => {
    const { wallets, outbox, settle } = await setup(1_200);
    for (const [sessionId, consumptionCentavos] of [
      ['s-huge', 1e20],
      ['s-rounded', Number.MAX_SAFE_INTEGER + 1],
    ] as const) {
      expect(await settle.execute(tx, flow, { memberId: 'ana', sessionId, consumptionCentavos })).toEqual({
        outcome: 'refused',
        reason: expect.stringMatching(
          /^consumptionCentavos .* is not an exact number of centavos .*nothing was taken$/,
        ),
      });
      expect(wallets.consumptions.get(`${flow.tenantId}/${sessionId}`)).toMatchObject({
        outcome: 'refused',
        consumptionCentavos: null,
        chargedCentavos: 0,
        reason: expect.stringContaining('9007199254740991'),
      });
    }
    expect(outbox.published).toEqual([]);
    expect(wallets.accountTotal(flow.tenantId, 'member:ana:available')).toBe(1_200);
    expect(wallets.accountTotal(flow.tenantId, 'club:revenue')).toBe(0);
  });

  it('settles the largest exact consumption exactly, and a session only once whatever the message', async () => {
    const { wallets, outbox, settle } = await setup(1_200);
    const session = { memberId: 'ana', sessionId: 's-1', consumptionCentavos: Number.MAX_SAFE_INTEGER };
    expect(await settle.execute(tx, flow, session)).toEqual({
      outcome: 'settled',
      chargedCentavos: 1_200,
      unpaidCentavos: Number.MAX_SAFE_INTEGER - 1_200,
    });
    expect(await settle.execute(tx, flow, session)).toEqual({ outcome: 'already-settled' });
    expect(await settle.execute(tx, flow, { ...session, consumptionCentavos: 1e20 })).toEqual({
      outcome: 'already-settled',
    });
    expect(outbox.published).toHaveLength(1);
    expect(wallets.accountTotal(flow.tenantId, 'club:revenue')).toBe(1_200);
    expect(wallets.consumptions.get(`${flow.tenantId}/s-1`)).toMatchObject({
      outcome: 'settled',
      consumptionCentavos: Number.MAX_SAFE_INTEGER,
      unpaidCentavos: Number.MAX_SAFE_INTEGER - 1_200,
    });
  });
});
