import { PATTERN_EXTRAS_METADATA } from '@nestjs/microservices/constants';
import type { EntityManager } from 'typeorm';
import {
  PaymentsChargeTopUpV1,
  PaymentsCreateTopUpV1,
  PaymentsGetPaymentV1,
  PaymentsSavePaymentMethodV1,
  type Envelope,
} from '@sportclub/contracts';
import { MessageContext } from '@sportclub/messaging';
import type { Outbox } from '@sportclub/outbox';
import { tx } from '../../../test/support/in-memory-ports';
import { topUpsKit } from '../../../test/support/top-ups.kit';
import { ChargeTopUpHandler } from '../application/charge-top-up/charge-top-up.handler';
import { CreateTopUpHandler } from '../application/create-top-up/create-top-up.handler';
import { GetPaymentHandler } from '../application/get-payment/get-payment.handler';
import { SavePaymentMethodHandler } from '../application/save-payment-method/save-payment-method.handler';
import { TopUpsCommandsHandler } from './top-ups.commands.handler';

const tenantId = 'club-aurora';
const sagaReplies = { replyTo: 'access-gateway.commands', correlationId: 'cmd-corr-1' };

/**
 * The top-up commands as the transport runs a `callsVendor` handler: with no transaction (the
 * context's manager throws, as the messaging lib's does), the use cases opening short ones of their
 * own. A "crash" between the provider call and its record is the next transaction failing once.
 */
function setup() {
  const kit = topUpsKit();
  const handler = new TopUpsCommandsHandler(
    new ChargeTopUpHandler(kit.record, kit.payments),
    new CreateTopUpHandler(kit.record, kit.gateways),
    new GetPaymentHandler(kit.payments),
    new SavePaymentMethodHandler(kit.transactions, kit.gateways, kit.payments),
  );
  const noTransaction = new Proxy({} as EntityManager, {
    get() {
      throw new Error('a callsVendor handler has no ctx.manager');
    },
  });
  const ctx = (envelope: Envelope) =>
    new MessageContext(envelope, noTransaction, {} as Outbox, 'payments', 1, sagaReplies);
  /** The next transaction after the provider's next call fails: the process died before the record. */
  const crashAfterNextCall = () => {
    for (const g of [kit.stripe, kit.mercadoPago]) {
      g.onCall = () => {
        kit.openAtCalls.push(kit.transactions.open);
        kit.transactions.failNext(new Error('killed between the provider call and its record'));
        kit.stripe.onCall = kit.mercadoPago.onCall = () => kit.openAtCalls.push(kit.transactions.open);
      };
    }
  };
  const command = <T>(def: { envelope(init: never): Envelope<T> }, subject: string, data: T) =>
    (def.envelope as (init: unknown) => Envelope<T>)({ source: 'access-gateway', tenantId, subject, data });
  return { ...kit, handler, ctx, crashAfterNextCall, command };
}

describe('TopUpsCommandsHandler: the commands that call a provider', () => {
  it('runs charge-top-up, create-top-up and save-payment-method outside the inbox transaction, get-payment in it', () => {
    const extras = (method: keyof TopUpsCommandsHandler) =>
      Reflect.getMetadata(PATTERN_EXTRAS_METADATA, TopUpsCommandsHandler.prototype[method]) as {
        callsVendor?: boolean;
      };
    expect(extras('charge').callsVendor).toBe(true);
    expect(extras('create').callsVendor).toBe(true);
    expect(extras('saveMethod').callsVendor).toBe(true);
    expect(extras('get').callsVendor).toBe(false);
  });

  it('charges a saved card with no transaction open; a re-run after a crash before the record charges once and replies the same', async () => {
    const { handler, ctx, crashAfterNextCall, command, stripe, payments, outbox, balance, openAtCalls } =
      setup();
    const save = command(PaymentsSavePaymentMethodV1, 'ana', { memberId: 'ana', token: 'tok_visa' });
    expect((await handler.saveMethod(save, ctx(save))).data).toMatchObject({ outcome: 'saved' });
    const charge = command(PaymentsChargeTopUpV1, 'ana', {
      paymentId: 'top-up-1',
      memberId: 'ana',
      amountCentavos: 1_500,
      method: 'card' as const,
      idempotencyKey: 'check-in:1:top-up:1',
    });

    crashAfterNextCall();
    await expect(handler.charge(charge, ctx(charge))).rejects.toThrow('killed');
    expect(await balance(tenantId, 'ana')).toBe(0);
    // The transport runs it again (the inbox has no row for it): the recorded call is made again.
    const reply = await handler.charge(charge, ctx(charge));
    const again = await handler.charge(charge, ctx(charge)); // a later duplicate the inbox missed

    expect(openAtCalls).toEqual([0, 0, 0]); // save, the charge, the charge again
    expect(stripe.charges).toBe(1);
    expect(stripe.calls.filter((c) => c.operation === 'chargeSaved')).toHaveLength(2);
    expect(reply.data).toEqual({ paymentId: 'top-up-1', outcome: 'succeeded' });
    expect(again.data).toEqual(reply.data);
    expect(reply).toMatchObject({ subject: 'top-up-1', causationid: charge.id, tenantid: tenantId });
    expect(await balance(tenantId, 'ana')).toBe(1_500);
    expect(outbox.types()).toEqual(['payments.wallet.topped-up.v1', 'payments.payment.succeeded.v1']);
    expect([...stripe.stored.keys()]).toHaveLength(1); // one payment at the provider, recorded as such
    expect(await payments.find(tx, tenantId, 'top-up-1')).toMatchObject({
      status: 'succeeded',
      providerRef: [...stripe.stored.keys()][0],
      providerCall: null,
    });
  });

  it('opens a Pix with no transaction open; a re-run after a crash answers the same QR code and keeps the late reply', async () => {
    const { handler, ctx, crashAfterNextCall, command, mercadoPago, payments, openAtCalls } = setup();
    mercadoPago.answer = (_op, amountCentavos) => ({
      providerRef: '555',
      status: 'pending',
      amountCentavos,
      refundedCentavos: 0,
      pix: { qrCode: '000201', expiresAt: '2030-01-01T00:00:00.000Z' },
    });
    const charge = command(PaymentsChargeTopUpV1, 'davi', {
      paymentId: 'top-up-pix',
      memberId: 'davi',
      amountCentavos: 3_000,
      method: 'pix' as const,
      idempotencyKey: 'check-in:2:top-up:1',
    });

    crashAfterNextCall();
    await expect(handler.charge(charge, ctx(charge))).rejects.toThrow('killed');
    const reply = await handler.charge(charge, ctx(charge));

    expect(openAtCalls).toEqual([0, 0]);
    expect(mercadoPago.charges).toBe(1);
    expect(reply.data).toEqual({
      paymentId: 'top-up-pix',
      outcome: 'pending',
      pix: { qrCode: '000201', expiresAt: '2030-01-01T00:00:00.000Z' },
    });
    expect((await payments.find(tx, tenantId, 'top-up-pix'))?.lateReply).toEqual({
      ...sagaReplies,
      commandId: charge.id,
    });
  });

  it("creates the member's card top-up with no transaction open; a re-run after a crash answers the same payment and client secret", async () => {
    const { handler, ctx, crashAfterNextCall, command, stripe, openAtCalls } = setup();
    stripe.answer = (_op, amountCentavos) => ({
      providerRef: 'pi_1',
      status: 'pending',
      amountCentavos,
      refundedCentavos: 0,
      clientSecret: 'pi_1_secret_x',
    });
    const create = command(PaymentsCreateTopUpV1, 'elisa', {
      paymentId: 'p-1',
      memberId: 'elisa',
      amountCentavos: 5_000,
      method: 'card' as const,
    });

    crashAfterNextCall();
    await expect(handler.create(create, ctx(create))).rejects.toThrow('killed');
    const reply = await handler.create(create, ctx(create));
    const askedAgain = await handler.create(create, ctx(create)); // asks the provider for the secret

    expect(openAtCalls).toEqual([0, 0, 0]);
    expect(stripe.charges).toBe(1);
    expect(stripe.calls.map((c) => c.operation)).toEqual(['createCardPayment', 'createCardPayment', 'fetch']);
    expect(stripe.calls[0].args[0]).toMatchObject({ idempotencyKey: `top-up:${tenantId}:p-1` });
    expect(reply.data).toMatchObject({
      payment: { paymentId: 'p-1', status: 'pending', amountCentavos: 5_000, provider: 'stripe' },
      clientSecret: 'pi_1_secret_x',
    });
    expect(askedAgain.data).toEqual(reply.data);
  });

  it('answers get-payment in the inbox transaction, never calling a provider', async () => {
    const { handler, command, stripe } = setup();
    const get = command(PaymentsGetPaymentV1, 'p-1', { paymentId: 'p-1' });
    const ctx = new MessageContext(get, tx as EntityManager, {} as Outbox, 'payments', 1);
    expect((await handler.get(get, ctx)).data).toEqual({ paymentId: 'p-1' });
    expect(stripe.calls).toEqual([]);
  });
});
