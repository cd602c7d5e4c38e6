import { InMemoryWalletRepository, RecordingOutbox, tx } from '../../../../test/support/in-memory-ports';
import { SettleConsumptionHandler } from '../settle-consumption/settle-consumption.handler';
import { BookPaymentHandler } from './book-payment.handler';

const flow = { tenantId: 'club-boreal' };
const payment = { memberId: 'davi', paymentId: 'p-1', provider: 'mercadopago' };

describe('BookPaymentHandler', () => {
  it("credits a paid top-up from the provider's external account and announces the balance", async () => {
    const wallets = new InMemoryWalletRepository();
    const outbox = new RecordingOutbox();
    expect(
      await new BookPaymentHandler(wallets, outbox).credit(tx, flow, { ...payment, amountCentavos: 5_000 }),
    ).toEqual({
      availableCentavos: 5_000,
      reservedCentavos: 0,
    });
    expect(wallets.accountTotal(flow.tenantId, 'external:mercadopago')).toBe(-5_000);
    expect(outbox.published[0]).toMatchObject({
      type: 'payments.wallet.topped-up.v1',
      data: { walletId: 'davi', paymentId: 'p-1', amountCentavos: 5_000, balanceCentavos: 5_000 },
    });
  });

  it('takes a refund back only as far as the credit was not spent', async () => {
    const wallets = new InMemoryWalletRepository();
    const book = new BookPaymentHandler(wallets, new RecordingOutbox());
    await book.credit(tx, flow, { ...payment, amountCentavos: 5_000 });
    await new SettleConsumptionHandler(wallets, new RecordingOutbox()).execute(tx, flow, {
      memberId: 'davi',
      sessionId: 's-1',
      consumptionCentavos: 3_000,
    });
    expect(await book.takeBack(tx, flow, { ...payment, amountCentavos: 5_000 })).toBe(2_000);
    expect(await book.takeBack(tx, flow, { ...payment, amountCentavos: 5_000 })).toBe(0);
    expect(await wallets.find(tx, flow.tenantId, 'davi')).toEqual({
      availableCentavos: 0,
      reservedCentavos: 0,
    });
  });
});
