import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  PaymentsCommitCreditV1,
  PaymentsReleaseCreditV1,
  PaymentsReserveCreditV1,
} from '@sportclub/contracts';
import { Outbox } from '@sportclub/outbox';
import { adminDatabaseUrl, eventually, startService, type RunningService } from '@sportclub/testing';
import { BookPaymentHandler } from '../../src/wallet/application/book-payment/book-payment.handler';
import { WalletRepository } from '../../src/wallet/infrastructure/wallet.repository';
import { PaymentsCommands } from '../support/commands';

const shuffle = <T>(xs: T[]) =>
  xs
    .map((x) => [Math.random(), x] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, x]) => x);

describe('payments wallet over RabbitMQ commands (booted service, real brokers and PostgreSQL)', () => {
  let service: RunningService;
  let db: DataSource;
  let commands: PaymentsCommands;

  beforeAll(async () => {
    service = await startService('payments');
    db = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(service.database!) }).initialize();
    commands = await PaymentsCommands.open('wallet-e2e');
  });
  afterAll(async () => {
    await commands?.close();
    await db?.destroy();
    await service?.stop();
  });

  const send = (envelope: Parameters<PaymentsCommands['send']>[0]) => commands.send(envelope);
  const command: PaymentsCommands['command'] = (...args) => commands.command(...args);
  const replies = () =>
    commands.replies as unknown as { type: string; data: { reservationId: string; outcome: string } }[];
  const repliesFor = (ids: string[]) => replies().filter((r) => ids.includes(r.data.reservationId));

  it('reserves only what the wallet holds under concurrent duplicated commands, and every balance equals its ledger', async () => {
    const tenant = 'club-aurora';
    const member = `member-${randomUUID().slice(0, 8)}`;
    await db.transaction((m) =>
      new BookPaymentHandler(new WalletRepository(), new Outbox()).credit(
        m,
        { tenantId: tenant },
        { memberId: member, paymentId: 'pay-1', provider: 'stripe', amountCentavos: 10_000 },
      ),
    );

    const reservations = Array.from({ length: 20 }, () => `res-${randomUUID()}`);
    const reserves = reservations.map((reservationId) =>
      command(PaymentsReserveCreditV1, tenant, member, {
        reservationId,
        memberId: member,
        amountCentavos: 700,
        reason: 'court 1',
      }),
    );
    await Promise.all(shuffle([...reserves, ...reserves]).map(send)); // every command twice
    await eventually(() => repliesFor(reservations).length >= 20, 'one reply per reservation');
    const outcomes = repliesFor(reservations).map((r) => r.data.outcome);
    expect(outcomes.filter((o) => o === 'reserved')).toHaveLength(14); // 14 × 700 ≤ 10,000 < 15 × 700
    expect(outcomes.filter((o) => o === 'insufficient-credit')).toHaveLength(6);

    const reserved = repliesFor(reservations)
      .filter((r) => r.data.outcome === 'reserved')
      .map((r) => r.data.reservationId);
    const [toCommit, toRelease] = [reserved.slice(0, 7), reserved.slice(7)];
    const settle = [
      ...toCommit.map((reservationId) =>
        command(PaymentsCommitCreditV1, tenant, reservationId, { reservationId }),
      ),
      ...toRelease.map((reservationId) =>
        command(PaymentsReleaseCreditV1, tenant, reservationId, { reservationId, reason: 'court closed' }),
      ),
    ];
    await Promise.all(shuffle([...settle, ...settle]).map(send));
    await eventually(
      () => replies().filter((r) => /(commit|release)-credit\.result\.v1$/.test(r.type)).length >= 14,
      'settled',
    );

    // A release that overtakes its reserve (a timed-out saga step): the late reserve takes nothing.
    const overtaken = `res-${randomUUID()}`;
    await send(
      command(PaymentsReleaseCreditV1, tenant, overtaken, { reservationId: overtaken, reason: 'timed out' }),
    );
    await eventually(() => repliesFor([overtaken]).length === 1, 'release answered');
    await send(
      command(PaymentsReserveCreditV1, tenant, member, {
        reservationId: overtaken,
        memberId: member,
        amountCentavos: 700,
        reason: 'late',
      }),
    );

    // Another club's wallet for the same member id is a different wallet: empty.
    const elsewhere = `res-${randomUUID()}`;
    await send(
      command(PaymentsReserveCreditV1, 'club-boreal', member, {
        reservationId: elsewhere,
        memberId: member,
        amountCentavos: 100,
        reason: 'x',
      }),
    );
    await eventually(() => repliesFor([elsewhere]).length === 1, 'other tenant answered');
    expect(repliesFor([elsewhere])[0].data.outcome).toBe('insufficient-credit');

    const [wallet] = await db.query(
      `SELECT available_centavos::int AS available, reserved_centavos::int AS reserved FROM wallet WHERE tenant_id = $1 AND member_id = $2`,
      [tenant, member],
    );
    expect(wallet).toEqual({ available: 10_000 - 7 * 700, reserved: 0 });
    const sums = Object.fromEntries(
      (
        await db.query<{ account: string; total: number }[]>(
          `SELECT account, sum(amount_centavos)::int AS total FROM ledger_entry WHERE tenant_id = $1 GROUP BY account`,
          [tenant],
        )
      ).map((r) => [r.account, r.total]),
    );
    expect(sums[`member:${member}:available`]).toBe(wallet.available);
    expect(sums[`member:${member}:reserved`] ?? 0).toBe(0);
    expect(sums['club:revenue']).toBe(7 * 700);
    const [{ total }] = await db.query(`SELECT sum(amount_centavos)::int AS total FROM ledger_entry`);
    expect(total).toBe(0); // double entry: every movement sums to zero
    expect(repliesFor([overtaken])).toHaveLength(1); // the late reserve was refused, not answered
    const [{ state }] = await db.query(`SELECT state FROM credit_reservation WHERE reservation_id = $1`, [
      overtaken,
    ]);
    expect(state).toBe('RELEASED');

    const events = await db.query<{ type: string; n: number }[]>(
      `SELECT envelope->>'type' AS type, count(*)::int AS n FROM outbox WHERE kind = 'kafka' GROUP BY 1 ORDER BY 1`,
    );
    expect(events).toEqual([
      { type: 'payments.credit.committed.v1', n: 7 },
      { type: 'payments.credit.released.v1', n: 7 },
      { type: 'payments.credit.reserved.v1', n: 14 },
      { type: 'payments.wallet.topped-up.v1', n: 1 },
    ]);
  });
});
