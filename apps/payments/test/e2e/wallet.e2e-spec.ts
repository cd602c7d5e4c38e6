import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  PaymentsCommitCreditV1,
  PaymentsReleaseCreditV1,
  PaymentsReserveCreditV1,
  type Envelope,
} from '@sportclub/contracts';
import { RabbitConnection } from '@sportclub/messaging';
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

const shuffle = <T>(xs: T[]) =>
  xs
    .map((x) => [Math.random(), x] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, x]) => x);

describe('payments wallet over RabbitMQ commands (booted service, real brokers and PostgreSQL)', () => {
  let service: RunningService;
  let db: DataSource;
  let rabbit: RabbitConnection;
  let replyQueue: string;
  const replies: Envelope<{ reservationId: string; outcome: string; balanceCentavos?: number }>[] = [];

  beforeAll(async () => {
    service = await startService('payments');
    db = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(service.database!) }).initialize();
    rabbit = new RabbitConnection({
      url: localInfraEnv(repoRoot()).RABBITMQ_URL,
      connectionName: 'wallet-e2e',
    });
    await rabbit.connect();
    const channel = await rabbit.openChannel();
    replyQueue = (await channel.assertQueue('', { exclusive: true })).queue;
    await channel.consume(replyQueue, (msg) => msg && replies.push(JSON.parse(msg.content.toString())), {
      noAck: true,
    });
  });
  afterAll(async () => {
    await rabbit?.close();
    await db?.destroy();
    await service?.stop();
  });

  const send = (envelope: Envelope) =>
    rabbit.send({
      routingKey: envelope.type,
      body: JSON.stringify(envelope),
      messageId: envelope.id,
      replyTo: replyQueue,
      correlationId: envelope.id,
    });
  const command = <T>(
    def: { envelope(init: never): Envelope<T> },
    tenantId: string,
    subject: string,
    data: T,
  ) =>
    (def.envelope as (init: unknown) => Envelope<T>)({ source: 'access-gateway', tenantId, subject, data });
  const repliesFor = (ids: string[]) => replies.filter((r) => ids.includes(r.data.reservationId));

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
      () => replies.filter((r) => /(commit|release)-credit\.result\.v1$/.test(r.type)).length >= 14,
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
