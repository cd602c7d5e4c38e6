import type { Envelope } from '@sportclub/contracts';
import { InMemoryWalletRepository, RecordingOutbox, tx } from '../../../../test/support/in-memory-ports';
import { BookPaymentHandler } from '../book-payment/book-payment.handler';
import { SettleConsumptionHandler } from './settle-consumption.handler';

const flow = { tenantId: 'club-aurora' };

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
});
