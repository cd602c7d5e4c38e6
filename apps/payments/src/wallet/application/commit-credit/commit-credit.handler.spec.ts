import { InMemoryWalletRepository, RecordingOutbox, tx } from '../../../../test/support/in-memory-ports';
import { BookPaymentHandler } from '../book-payment/book-payment.handler';
import { ReleaseCreditHandler } from '../release-credit/release-credit.handler';
import { ReserveCreditHandler } from '../reserve-credit/reserve-credit.handler';
import { CommitCreditHandler } from './commit-credit.handler';

const flow = { tenantId: 'club-aurora' };

describe('CommitCreditHandler', () => {
  async function held() {
    const wallets = new InMemoryWalletRepository();
    const outbox = new RecordingOutbox();
    await new BookPaymentHandler(wallets, outbox).credit(tx, flow, {
      memberId: 'ana',
      paymentId: 'p-1',
      provider: 'stripe',
      amountCentavos: 3_000,
    });
    await new ReserveCreditHandler(wallets, outbox).execute(tx, flow, {
      reservationId: 'r-1',
      memberId: 'ana',
      amountCentavos: 2_500,
    });
    outbox.published.length = 0;
    return { wallets, outbox, commit: new CommitCreditHandler(wallets, outbox) };
  }

  it("spends the held credit into the club's revenue once, however often it is asked", async () => {
    const { wallets, outbox, commit } = await held();
    expect(await commit.execute(tx, flow, 'r-1')).toBe('committed');
    expect(await commit.execute(tx, flow, 'r-1')).toBe('committed');
    expect(await wallets.find(tx, flow.tenantId, 'ana')).toEqual({
      availableCentavos: 500,
      reservedCentavos: 0,
    });
    expect(wallets.accountTotal(flow.tenantId, 'club:revenue')).toBe(2_500);
    expect(outbox.types()).toEqual(['payments.credit.committed.v1']);
  });

  it('answers unknown-reservation for a reservation never made or already released', async () => {
    const { wallets, outbox, commit } = await held();
    expect(await commit.execute(tx, flow, 'r-never')).toBe('unknown-reservation');
    await new ReleaseCreditHandler(wallets, outbox).execute(tx, flow, 'r-1');
    expect(await commit.execute(tx, flow, 'r-1')).toBe('unknown-reservation');
    expect(wallets.accountTotal(flow.tenantId, 'club:revenue')).toBe(0);
  });
});
