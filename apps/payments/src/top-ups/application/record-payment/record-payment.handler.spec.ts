import type { Envelope } from '@sportclub/contracts';
import { RecordingOutbox, tx } from '../../../../test/support/in-memory-ports';
import { topUpsKit } from '../../../../test/support/top-ups.kit';
import { BookPaymentHandler } from '../../../wallet/application/book-payment/book-payment.handler';
import { ChargeTopUpHandler } from '../charge-top-up/charge-top-up.handler';

const flow = { tenantId: 'club-boreal', correlationId: 'check-in-7' };
const late = { replyTo: 'saga.replies', correlationId: 'c-7', commandId: 'cmd-7' };

async function pendingPix() {
  const kit = topUpsKit();
  kit.mercadoPago.answer = (_op, amountCentavos) => ({
    providerRef: '555',
    status: 'pending',
    amountCentavos,
    refundedCentavos: 0,
    pix: { qrCode: '000201', expiresAt: '2030-01-01T00:00:00.000Z' },
  });
  await new ChargeTopUpHandler(kit.record, kit.payments).execute(
    flow,
    { paymentId: 'p-7', memberId: 'davi', amountCentavos: 3_000, method: 'pix', idempotencyKey: 'k-7' },
    late,
  );
  const observed = (status: 'succeeded' | 'failed' | 'refunded', refundedCentavos = 0) => ({
    providerRef: '555',
    status,
    amountCentavos: 3_000,
    refundedCentavos,
    ...(status === 'failed' && { reason: 'payment cancelled (expired)' }),
  });
  return { ...kit, observed };
}

describe('RecordPaymentHandler.reconcile', () => {
  it('credits a paid Pix once, answers the waiting saga once, and ignores the same news again', async () => {
    const { record, outbox, balance, observed } = await pendingPix();

    expect(await record.reconcile(tx, 'mercadopago', '555', observed('succeeded'))).toBe('applied');
    expect(await record.reconcile(tx, 'mercadopago', '555', observed('succeeded'))).toBe('unchanged');

    expect(await balance(flow.tenantId, 'davi')).toBe(3_000);
    expect(outbox.replies).toEqual([
      {
        to: late,
        envelope: expect.objectContaining({
          causationid: 'cmd-7',
          correlationid: 'check-in-7',
          data: { paymentId: 'p-7', outcome: 'succeeded' },
        }),
      },
    ]);
  });

  it('fails an expired Pix with the reason, and takes a later refund back by difference', async () => {
    const { record, outbox, balance, observed, payments } = await pendingPix();
    await record.reconcile(tx, 'mercadopago', '555', observed('failed'));
    expect(await payments.find(tx, flow.tenantId, 'p-7')).toMatchObject({
      status: 'failed',
      reason: 'payment cancelled (expired)',
    });
    expect((outbox.replies[0].envelope as Envelope<{ outcome: string }>).data.outcome).toBe('failed');

    // Paid after all (the payer paid a failed charge), then refunded in two parts.
    await record.reconcile(tx, 'mercadopago', '555', observed('succeeded'));
    await record.reconcile(tx, 'mercadopago', '555', observed('refunded', 1_000));
    await record.reconcile(tx, 'mercadopago', '555', observed('refunded', 3_000));
    expect(await balance(flow.tenantId, 'davi')).toBe(0);
    expect(outbox.types().filter((t) => t === 'payments.payment.refunded.v1')).toHaveLength(2);
  });

  it('never takes back more than the payment, whatever refund the provider reports: other credit stays', async () => {
    const { record, outbox, balance, observed, wallets } = await pendingPix();
    await record.reconcile(tx, 'mercadopago', '555', observed('succeeded'));
    // The member's other credit, from another payment.
    await new BookPaymentHandler(wallets, new RecordingOutbox()).credit(tx, flow, {
      memberId: 'davi',
      paymentId: 'other',
      provider: 'stripe',
      amountCentavos: 2_000,
    });

    await record.reconcile(tx, 'mercadopago', '555', observed('refunded', 1e20));

    expect(await balance(flow.tenantId, 'davi')).toBe(2_000);
    expect(outbox.published.find((e) => e.type === 'payments.payment.refunded.v1')).toMatchObject({
      data: { refundedCentavos: 3_000, recoveredCentavos: 3_000, unrecoveredCentavos: 0 },
    });
  });

  it('answers unknown for a reference no payment has (yet)', async () => {
    const { record, observed } = await pendingPix();
    expect(await record.reconcile(tx, 'mercadopago', '999', observed('succeeded'))).toBe('unknown');
  });
});
