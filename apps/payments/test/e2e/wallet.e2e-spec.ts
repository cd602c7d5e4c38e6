import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AccessSessionEndedV1,
  PaymentsCommitCreditV1,
  PaymentsReleaseCreditV1,
  PaymentsReserveCreditV1,
} from '@sportclub/contracts';
import { KafkaConnection } from '@sportclub/messaging';
import { Outbox } from '@sportclub/outbox';
import {
  adminDatabaseUrl,
  eventually,
  localInfraEnv,
  repoRoot,
  startService,
  type RunningService,
} from '@sportclub/testing';
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
  let kafka: KafkaConnection;

  beforeAll(async () => {
    service = await startService('payments');
    db = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(service.database!) }).initialize();
    commands = await PaymentsCommands.open('wallet-e2e');
    kafka = new KafkaConnection({
      brokers: localInfraEnv(repoRoot()).KAFKA_BROKERS.split(','),
      clientId: 'payments-wallet-e2e',
    });
  });
  afterAll(async () => {
    await kafka?.close();
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

  describe('a session consumption beyond exact centavos (access.session.ended.v1 from the gateway)', () => {
    const tenant = 'club-aurora';
    /** The gateway's event as it goes on the wire; `consumption` is the JSON text of the amount. */
    const sessionEnded = (memberId: string, sessionId: string, consumption: string) => {
      const envelope = AccessSessionEndedV1.envelope({
        source: 'access-gateway',
        tenantId: tenant,
        subject: sessionId,
        data: {
          sessionId,
          memberId,
          courtId: 'court-1',
          endedAt: new Date().toISOString(),
          consumptionCentavos: 1,
        },
      });
      const value = JSON.stringify(envelope).replace(
        '"consumptionCentavos":1',
        `"consumptionCentavos":${consumption}`,
      );
      return kafka.publish(AccessSessionEndedV1.topic!, [{ key: memberId, value }]);
    };
    const settlement = async (sessionId: string) =>
      (
        await db.query(
          `SELECT outcome, consumption_centavos::text AS consumption, charged_centavos::text AS charged,
                  unpaid_centavos::text AS unpaid, reason
             FROM consumption_settlement WHERE tenant_id = $1 AND session_id = $2`,
          [tenant, sessionId],
        )
      )[0] as
        | {
            outcome: string;
            consumption: string | null;
            charged: string;
            unpaid: string | null;
            reason: string | null;
          }
        | undefined;
    const settledEvents = async (sessionId: string) =>
      (
        await db.query(
          `SELECT envelope->'data' AS data FROM outbox
            WHERE envelope->>'type' = 'payments.consumption.settled.v1' AND envelope->'data'->>'sessionId' = $1`,
          [sessionId],
        )
      ).map((r: { data: Record<string, unknown> }) => r.data);
    const walletOf = async (memberId: string) =>
      (
        await db.query(
          `SELECT available_centavos::text AS available,
                  (SELECT sum(amount_centavos)::text FROM ledger_entry
                    WHERE tenant_id = $1 AND account = 'member:' || $2 || ':available') AS ledger
             FROM wallet WHERE tenant_id = $1 AND member_id = $2`,
          [tenant, memberId],
        )
      )[0] as { available: string; ledger: string };

    it('refuses an amount that is no exact integer with its reason, taking nothing; settles the largest exact one exactly, once per session', async () => {
      const member = `member-${randomUUID().slice(0, 8)}`;
      await db.transaction((m) =>
        new BookPaymentHandler(new WalletRepository(), new Outbox()).credit(
          m,
          { tenantId: tenant },
          { memberId: member, paymentId: 'pay-1', provider: 'stripe', amountCentavos: 5_000 },
        ),
      );

      // One session's event twice, under two message ids: settled once.
      await sessionEnded(member, `ses-small-${member}`, '1000');
      await sessionEnded(member, `ses-small-${member}`, '1000');
      // 10^20 + 1 centavos: JSON.parse makes it 10^20, which no longer is the amount sent.
      await sessionEnded(member, `ses-huge-${member}`, '100000000000000000001');
      await sessionEnded(member, `ses-max-${member}`, String(Number.MAX_SAFE_INTEGER));

      await eventually(
        async () => (await settlement(`ses-max-${member}`)) !== undefined,
        'all three settled',
        20_000,
      );
      expect(await settlement(`ses-huge-${member}`)).toEqual({
        outcome: 'refused',
        consumption: null,
        charged: '0',
        unpaid: null,
        reason:
          'consumptionCentavos 100000000000000000000 is not an exact number of centavos (0 to 9007199254740991): nothing was taken',
      });
      expect(await settledEvents(`ses-huge-${member}`)).toEqual([]);

      expect(await settlement(`ses-small-${member}`)).toMatchObject({
        outcome: 'settled',
        charged: '1000',
        unpaid: '0',
      });
      expect(await settledEvents(`ses-small-${member}`)).toHaveLength(1);
      expect(await settlement(`ses-max-${member}`)).toEqual({
        outcome: 'settled',
        consumption: '9007199254740991',
        charged: '4000',
        unpaid: '9007199254736991', // 9007199254740991 - 4000, exact
        reason: null,
      });
      expect(await settledEvents(`ses-max-${member}`)).toEqual([
        expect.objectContaining({
          consumptionCentavos: Number.MAX_SAFE_INTEGER,
          chargedCentavos: 4_000,
          unpaidCentavos: Number.MAX_SAFE_INTEGER - 4_000,
          balanceCentavos: 0,
        }),
      ]);
      expect(await walletOf(member)).toEqual({ available: '0', ledger: '0' });
      expect(service.output()).toMatch(/session ses-huge-\S+ of \S+ refused: consumptionCentavos/);
      expect(service.output()).not.toMatch(/access\.session\.ended\.v1.*(retry|dead-letter)/i);
    });
  });
});
