import { InMemoryWalletRepository, RecordingOutbox, tx } from '../../../../test/support/in-memory-ports';
import { BookPaymentHandler } from '../book-payment/book-payment.handler';
import { GetWalletHandler } from './get-wallet.handler';

describe('GetWalletHandler', () => {
  it("shows a member's balances with the newest ledger lines first, and an empty wallet for a stranger", async () => {
    const wallets = new InMemoryWalletRepository();
    const book = new BookPaymentHandler(wallets, new RecordingOutbox());
    const flow = { tenantId: 'club-aurora' };
    for (const paymentId of ['p-1', 'p-2']) {
      await book.credit(tx, flow, { memberId: 'ana', paymentId, provider: 'stripe', amountCentavos: 1_000 });
    }
    const get = new GetWalletHandler(wallets);

    const ana = await get.execute(tx, 'club-aurora', 'ana', 1);
    expect(ana).toMatchObject({ memberId: 'ana', availableCentavos: 2_000, reservedCentavos: 0 });
    expect(ana.ledger).toEqual([
      expect.objectContaining({ reference: 'payment:p-2', amountCentavos: 1_000 }),
    ]);
    expect(await get.execute(tx, 'club-boreal', 'ana')).toEqual({
      memberId: 'ana',
      availableCentavos: 0,
      reservedCentavos: 0,
      ledger: [],
    });
  });
});
