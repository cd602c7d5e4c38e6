import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  PaymentsChargeTopUpV1,
  PaymentsCreateTopUpV1,
  PaymentsGetPaymentV1,
  PaymentsSavePaymentMethodV1,
} from '@sportclub/contracts';
import {
  adminDatabaseUrl,
  eventually,
  paymentProviderUrls,
  startService,
  type RunningService,
} from '@sportclub/testing';
import { PaymentsCommands } from '../support/commands';

/**
 * The check-in saga's top-up as payments answers it: the booted service with its real SDKs pointed at
 * the partner sandbox, which refuses what each vendor refuses (Stripe below R$ 0,50, PagBank below
 * R$ 1,00), over real RabbitMQ and PostgreSQL.
 */
describe('payments top-ups against the providers (booted service, partner sandbox)', () => {
  let sandbox: RunningService;
  let payments: RunningService;
  let db: DataSource;
  let commands: PaymentsCommands;

  beforeAll(async () => {
    sandbox = await startService('partner-sandbox', {
      env: { STRIPE_WEBHOOK_URL: '', MERCADOPAGO_WEBHOOK_URL: '', PAGSEGURO_WEBHOOK_URL: '' },
    });
    payments = await startService('payments', {
      env: {
        ...paymentProviderUrls(sandbox.url),
        CARD_PROVIDER_BY_TENANT: 'club-pagbank=pagseguro',
        // As if PagBank had raised its minimum since this configuration was written: the sandbox,
        // like PagBank, refuses anything below R$ 1,00.
        PAGSEGURO_MIN_CHARGE_CENTAVOS: '1',
      },
    });
    db = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(payments.database!) }).initialize();
    commands = await PaymentsCommands.open('top-ups-e2e');
  });
  afterAll(async () => {
    await commands?.close();
    await db?.destroy();
    await Promise.allSettled([payments?.stop(), sandbox?.stop()]);
  });

  async function saveCard(tenantId: string, memberId: string, token: string) {
    const reply = await commands.ask(PaymentsSavePaymentMethodV1, tenantId, memberId, { memberId, token });
    expect(reply.data).toMatchObject({ outcome: 'saved' });
  }
  const chargeTopUp = (tenantId: string, memberId: string, amountCentavos: number) => {
    const paymentId = `top-up-${randomUUID()}`;
    return commands.ask<PaymentsChargeTopUpV1, { paymentId: string; outcome: string; reason?: string }>(
      PaymentsChargeTopUpV1,
      tenantId,
      memberId,
      {
        paymentId,
        memberId,
        amountCentavos,
        method: 'card',
        idempotencyKey: `check-in:${paymentId}:top-up:1`,
      },
    );
  };
  const payment = async (tenantId: string, paymentId: string) =>
    (
      await db.query(
        `SELECT status, amount_centavos::int AS amount, provider, reason FROM payment WHERE tenant_id = $1 AND payment_id = $2`,
        [tenantId, paymentId],
      )
    )[0] as { status: string; amount: number; provider: string; reason: string | null };
  /** A member's available credit, checked against its ledger account (balance = ledger). */
  async function available(tenantId: string, memberId: string) {
    const [{ balance, ledger }] = await db.query(
      `SELECT coalesce((SELECT available_centavos FROM wallet WHERE tenant_id = $1 AND member_id = $2), 0)::int AS balance,
              (SELECT coalesce(sum(amount_centavos), 0) FROM ledger_entry
                WHERE tenant_id = $1 AND account = 'member:' || $2 || ':available')::int AS ledger`,
      [tenantId, memberId],
    );
    expect(balance).toBe(ledger);
    return balance as number;
  }

  it("charges a R$ 0,20 shortfall at Stripe's R$ 0,50 minimum, answered at once, the rest kept as credit", async () => {
    const member = `member-${randomUUID().slice(0, 8)}`;
    await saveCard('club-aurora', member, 'pm_card_visa');

    const started = Date.now();
    const reply = await chargeTopUp('club-aurora', member, 20);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(reply.data).toMatchObject({ outcome: 'succeeded' });
    expect(await payment('club-aurora', reply.data.paymentId)).toMatchObject({
      status: 'succeeded',
      amount: 50,
      provider: 'stripe',
    });
    expect(await available('club-aurora', member)).toBe(50);
  });

  it('answers a charge the provider refuses as an invalid request with failed at once: tried once, never retried', async () => {
    const member = `member-${randomUUID().slice(0, 8)}`;
    await saveCard('club-pagbank', member, 'CARD_E2E_OK');

    const started = Date.now();
    const reply = await chargeTopUp('club-pagbank', member, 20);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(reply.data).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(
        /^pagseguro refused the request \(400\): 40002 amount\.value: .*between 100/,
      ),
    });
    expect(await payment('club-pagbank', reply.data.paymentId)).toMatchObject({
      status: 'failed',
      amount: 20,
    });
    expect(await available('club-pagbank', member)).toBe(0);
    // Handled once: no failed attempt was requeued, nothing went to the dead-letter queue.
    expect(payments.output()).not.toMatch(new RegExp(`${reply.causationid}.*(requeued|dead-lettered)`));
    expect(payments.output()).not.toMatch(/charge-top-up\.v1.*(requeued|dead-lettered)/);

    // From the real minimum up PagBank charges (its 64-character reference and description fit).
    const paid = await chargeTopUp('club-pagbank', member, 2_480);
    expect(paid.data).toMatchObject({ outcome: 'succeeded' });
    expect(await payment('club-pagbank', paid.data.paymentId)).toMatchObject({
      status: 'succeeded',
      amount: 2_480,
    });
    expect(await available('club-pagbank', member)).toBe(2_480);
  });

  it('fails a top-up above the limit (500000 centavos by default) at once, naming it, never asking the provider', async () => {
    const member = `member-${randomUUID().slice(0, 8)}`;
    await saveCard('club-aurora', member, 'pm_card_visa');
    const providerRefOf = async (paymentId: string) =>
      (
        await db.query(`SELECT provider_ref AS "providerRef" FROM payment WHERE payment_id = $1`, [paymentId])
      )[0].providerRef as string | null;

    // The saga's shortfall for a court priced R$ 100.000,00, charged to the saved card.
    const started = Date.now();
    const charged = await chargeTopUp('club-aurora', member, 10_000_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(charged.data).toEqual({
      paymentId: charged.data.paymentId,
      outcome: 'failed',
      reason: '10000000 centavos is above the top-up limit of 500000 centavos',
    });
    expect(await payment('club-aurora', charged.data.paymentId)).toMatchObject({
      status: 'failed',
      amount: 10_000_000,
    });
    expect(await providerRefOf(charged.data.paymentId)).toBeNull(); // no provider ever saw it

    // The member's own top-up, one centavo above the limit.
    const paymentId = `top-up-${randomUUID()}`;
    const created = await commands.ask<
      PaymentsCreateTopUpV1,
      { payment: { status: string; reason?: string }; clientSecret?: string }
    >(PaymentsCreateTopUpV1, 'club-aurora', member, {
      paymentId,
      memberId: member,
      amountCentavos: 500_001,
      method: 'card',
    });
    expect(created.data.payment).toMatchObject({
      status: 'failed',
      reason: '500001 centavos is above the top-up limit of 500000 centavos',
    });
    expect(created.data.clientSecret).toBeUndefined();
    expect(await providerRefOf(paymentId)).toBeNull();
    expect(await available('club-aurora', member)).toBe(0);
    expect(payments.output()).not.toMatch(/(charge|create)-top-up\.v1.*(requeued|dead-lettered)/);

    // At the limit the saved card is charged.
    const atLimit = await chargeTopUp('club-aurora', member, 500_000);
    expect(atLimit.data).toMatchObject({ outcome: 'succeeded' });
    expect(await available('club-aurora', member)).toBe(500_000);
  });

  it('answers amounts beyond what a number or an int holds: failed, recorded only when exact, the same when asked again', async () => {
    const member = `member-${randomUUID().slice(0, 8)}`;
    await saveCard('club-aurora', member, 'pm_card_visa');
    const ask = (paymentId: string, amountCentavos: number) =>
      commands.ask<PaymentsChargeTopUpV1, { paymentId: string; outcome: string; reason?: string }>(
        PaymentsChargeTopUpV1,
        'club-aurora',
        member,
        {
          paymentId,
          memberId: member,
          amountCentavos,
          method: 'card',
          idempotencyKey: `check-in:${paymentId}:top-up:1`,
        },
      );
    const rows = async (paymentId: string) =>
      (await db.query(`SELECT status, amount_centavos::text AS amount FROM payment WHERE payment_id = $1`, [
        paymentId,
      ])) as { status: string; amount: string }[];

    // R$ 30.000.000,00: exact, but beyond a 32-bit int. Recorded failed, and read back as it was kept.
    const large = `top-up-${randomUUID()}`;
    for (let asked = 0; asked < 2; asked++) {
      expect((await ask(large, 3_000_000_000)).data).toEqual({
        paymentId: large,
        outcome: 'failed',
        reason: '3000000000 centavos is above the top-up limit of 500000 centavos',
      });
    }
    expect(await rows(large)).toEqual([{ status: 'failed', amount: '3000000000' }]);
    const shown = await commands.ask<
      PaymentsGetPaymentV1,
      { payment?: { amountCentavos: number; status: string } }
    >(PaymentsGetPaymentV1, 'club-aurora', member, { paymentId: large, memberId: member });
    expect(shown.data.payment).toMatchObject({ amountCentavos: 3_000_000_000, status: 'failed' });

    // 10^20 + 1 centavos arrives as 10^20: answered failed, and no payment is kept with a wrong amount.
    const absurd = `top-up-${randomUUID()}`;
    const envelope = commands.command(PaymentsChargeTopUpV1, 'club-aurora', member, {
      paymentId: absurd,
      memberId: member,
      amountCentavos: 1,
      method: 'card',
      idempotencyKey: `check-in:${absurd}:top-up:1`,
    });
    await commands.send(
      envelope,
      JSON.stringify(envelope).replace('"amountCentavos":1', '"amountCentavos":100000000000000000001'),
    );
    await eventually(() => commands.repliesTo(envelope.id).length > 0, 'the absurd top-up answered');
    expect(commands.repliesTo(envelope.id)[0].data).toEqual({
      paymentId: absurd,
      outcome: 'failed',
      reason: '100000000000000000000 centavos is above the top-up limit of 500000 centavos',
    });
    expect(await rows(absurd)).toEqual([]);
    expect(await available('club-aurora', member)).toBe(0);
    expect(payments.output()).not.toMatch(/charge-top-up\.v1.*(requeued|dead-lettered)/);
  });
});
