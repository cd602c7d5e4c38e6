import { InMemoryWalletRepository, RecordingOutbox, tx } from '../../../../test/support/in-memory-ports';
import { BookPaymentHandler } from '../book-payment/book-payment.handler';
import { CommitCreditHandler } from '../commit-credit/commit-credit.handler';
import { ReserveCreditHandler } from '../reserve-credit/reserve-credit.handler';
import { ReleaseCreditHandler } from './release-credit.handler';

const flow = { tenantId: 'club-aurora' };

describe('ReleaseCreditHandler', () => {
  async function setup() {
    const wallets = new InMemoryWalletRepository();
    const outbox = new RecordingOutbox();
    await new BookPaymentHandler(wallets, outbox).credit(tx, flow, {
      memberId: 'ana',
      paymentId: 'p-1',
      provider: 'stripe',
      amountCentavos: 3_000,
    });
    const reserve = (reservationId: string) =>
      new ReserveCreditHandler(wallets, outbox).execute(tx, flow, {
        reservationId,
        memberId: 'ana',
        amountCentavos: 1_000,
      });
    outbox.published.length = 0;
    return { wallets, outbox, reserve, release: new ReleaseCreditHandler(wallets, outbox) };
  }

  it('gives held credit back to the available balance once', async () => {
    const { wallets, outbox, reserve, release } = await setup();
    await reserve('r-1');
    expect(await release.execute(tx, flow, 'r-1')).toBe('released');
    expect(await release.execute(tx, flow, 'r-1')).toBe('released');
    expect(await wallets.find(tx, flow.tenantId, 'ana')).toEqual({
      availableCentavos: 3_000,
      reservedCentavos: 0,
    });
    expect(outbox.types()).toEqual(['payments.credit.reserved.v1', 'payments.credit.released.v1']);
  });

  it('leaves a committed reservation spent, and marks one never seen so its late reserve is refused', async () => {
    const { wallets, reserve, release, outbox } = await setup();
    await reserve('r-1');
    await new CommitCreditHandler(wallets, outbox).execute(tx, flow, 'r-1');
    expect(await release.execute(tx, flow, 'r-1')).toBe('already-committed');

    expect(await release.execute(tx, flow, 'r-2')).toBe('unknown-reservation');
    expect(await wallets.reservation(tx, flow.tenantId, 'r-2')).toMatchObject({
      state: 'RELEASED',
      memberId: null,
    });
    expect(await reserve('r-2')).toMatchObject({ outcome: 'refused' });
  });
});
