import { InMemoryWalletRepository, RecordingOutbox, tx } from '../../../../test/support/in-memory-ports';
import { BookPaymentHandler } from '../book-payment/book-payment.handler';
import { ReleaseCreditHandler } from '../release-credit/release-credit.handler';
import { ReserveCreditHandler } from './reserve-credit.handler';

const flow = { tenantId: 'club-aurora', correlationId: 'check-in-1' };

function setup(availableCentavos: number) {
  const wallets = new InMemoryWalletRepository();
  const outbox = new RecordingOutbox();
  const reserve = new ReserveCreditHandler(wallets, outbox);
  const release = new ReleaseCreditHandler(wallets, outbox);
  const seed = new BookPaymentHandler(wallets, new RecordingOutbox()).credit(tx, flow, {
    memberId: 'ana',
    paymentId: 'seed',
    provider: 'stripe',
    amountCentavos: availableCentavos,
  });
  return { wallets, outbox, reserve, release, seed };
}

describe('ReserveCreditHandler', () => {
  it('holds the amount, announces it, and a repeated reserve answers the same without holding twice', async () => {
    const { wallets, outbox, reserve, seed } = setup(3_000);
    await seed;
    const cmd = { reservationId: 'r-1', memberId: 'ana', amountCentavos: 2_500 };

    expect(await reserve.execute(tx, flow, cmd)).toEqual({
      outcome: 'reserved',
      balance: { availableCentavos: 500, reservedCentavos: 2_500 },
    });
    expect(await reserve.execute(tx, flow, cmd)).toMatchObject({ outcome: 'reserved' });

    expect(await wallets.find(tx, flow.tenantId, 'ana')).toEqual({
      availableCentavos: 500,
      reservedCentavos: 2_500,
    });
    expect(outbox.types()).toEqual(['payments.credit.reserved.v1']);
    expect(outbox.published[0]).toMatchObject({
      correlationid: 'check-in-1',
      data: { reservationId: 'r-1', amountCentavos: 2_500, balanceCentavos: 500 },
    });
    expect(wallets.accountTotal(flow.tenantId, 'member:ana:reserved')).toBe(2_500);
  });

  it('answers the shortfall when the credit does not cover it, holding and announcing nothing', async () => {
    const { wallets, outbox, reserve, seed } = setup(2_480);
    await seed;
    expect(
      await reserve.execute(tx, flow, { reservationId: 'r-1', memberId: 'ana', amountCentavos: 2_500 }),
    ).toEqual({
      outcome: 'insufficient-credit',
      balance: { availableCentavos: 2_480, reservedCentavos: 0 },
      shortfallCentavos: 20,
    });
    expect(outbox.published).toEqual([]);
    expect(await wallets.reservation(tx, flow.tenantId, 'r-1')).toBeUndefined();
  });

  it('refuses a reserve that its release overtook, taking nothing', async () => {
    const { wallets, outbox, reserve, release, seed } = setup(3_000);
    await seed;
    expect(await release.execute(tx, flow, 'r-late')).toBe('unknown-reservation');
    expect(
      await reserve.execute(tx, flow, { reservationId: 'r-late', memberId: 'ana', amountCentavos: 700 }),
    ).toEqual({
      outcome: 'refused',
      reason: 'released before it was reserved',
    });
    expect(await wallets.find(tx, flow.tenantId, 'ana')).toEqual({
      availableCentavos: 3_000,
      reservedCentavos: 0,
    });
    expect(outbox.published).toEqual([]);
  });

  it('answers an amount beyond exact centavos as insufficient credit without a shortfall, holding nothing', async () => {
    const { wallets, outbox, reserve, seed } = setup(3_000);
    await seed;
    for (const amountCentavos of [Number.MAX_SAFE_INTEGER + 1, 1e20]) {
      expect(
        await reserve.execute(tx, flow, {
          reservationId: `r-${amountCentavos}`,
          memberId: 'ana',
          amountCentavos,
        }),
      ).toEqual({
        outcome: 'insufficient-credit',
        balance: { availableCentavos: 3_000, reservedCentavos: 0 },
      });
    }
    expect(wallets.reservations.size).toBe(0);
    expect(outbox.published).toEqual([]);
  });
});
