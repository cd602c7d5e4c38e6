import { InMemoryProviderEventRepository } from '../../../../test/support/in-memory-ports';
import { topUpsKit } from '../../../../test/support/top-ups.kit';
import { CreateTopUpHandler } from '../create-top-up/create-top-up.handler';
import { PaymentRequestInvalidError } from '../ports/payment-gateway.port';
import { ProcessProviderEventHandler } from './process-provider-event.handler';

async function setup() {
  const kit = topUpsKit();
  kit.stripe.answer = (_op, amountCentavos) => ({
    providerRef: 'pi_1',
    status: 'pending',
    amountCentavos,
    refundedCentavos: 0,
  });
  await new CreateTopUpHandler(kit.record, kit.gateways).execute(
    { tenantId: 'club-aurora' },
    {
      paymentId: 'p-1',
      memberId: 'ana',
      amountCentavos: 2_000,
      method: 'card',
      idempotencyKey: 'k',
    },
  );
  const events = new InMemoryProviderEventRepository();
  const handler = new ProcessProviderEventHandler(
    kit.transactions,
    events,
    kit.payments,
    kit.gateways,
    kit.record,
  );
  const receive = (eventId: string, providerRef: string) =>
    events.insert({
      provider: 'stripe',
      eventId,
      eventType: 'payment_intent.succeeded',
      providerRef,
      body: Buffer.from('{}'),
    });
  return { ...kit, events, handler, receive };
}

describe('ProcessProviderEventHandler', () => {
  it('fetches the payment from its provider, applies it, and marks the event processed', async () => {
    const { handler, events, receive, stripe, balance } = await setup();
    stripe.stored.set('pi_1', {
      providerRef: 'pi_1',
      status: 'succeeded',
      amountCentavos: 2_000,
      refundedCentavos: 0,
    });
    await receive('evt_1', 'pi_1');

    expect(await handler.processOne()).toBe(true);
    expect(await handler.processOne()).toBe(false);
    expect(events.get('stripe', 'evt_1')).toMatchObject({ processed: true, attempts: 1 });
    expect(await balance('club-aurora', 'ana')).toBe(2_000);
  });

  it('asks the provider with no transaction open, the event leased meanwhile: no other processor takes it', async () => {
    const { handler, events, receive, stripe, transactions, balance } = await setup();
    stripe.stored.set('pi_1', {
      providerRef: 'pi_1',
      status: 'succeeded',
      amountCentavos: 2_000,
      refundedCentavos: 0,
    });
    await receive('evt_1', 'pi_1');
    const fetch = stripe.fetch.bind(stripe);
    const during: { open?: number; another?: boolean } = {};
    stripe.fetch = async (tenantId, providerRef) => {
      during.open = transactions.open;
      during.another = await handler.processOne(); // a replica polling meanwhile
      return fetch(tenantId, providerRef);
    };

    expect(await handler.processOne()).toBe(true);
    expect(during).toEqual({ open: 0, another: false });
    expect(events.get('stripe', 'evt_1')).toMatchObject({
      processed: true,
      outcome: 'reconciled',
      attempts: 1,
    });
    expect(await balance('club-aurora', 'ana')).toBe(2_000);
  });

  it('tries an event for a payment not recorded yet again later, and sets it aside after 12 attempts', async () => {
    const { handler, events, receive } = await setup();
    await receive('evt_2', 'pi_unknown');
    const stored = events.get('stripe', 'evt_2')!;

    expect(await handler.processOne()).toBe(true);
    expect(stored).toMatchObject({
      processed: false,
      attempts: 1,
      lastError: expect.stringMatching(/no payment/),
    });
    expect(stored.dueAt).toBeGreaterThan(Date.now());
    for (let attempt = 2; attempt <= 12; attempt++) {
      stored.dueAt = 0;
      await handler.processOne();
    }
    expect(stored).toMatchObject({ processed: true, attempts: 12 });
  });

  it('records a reconciliation that fails as a failed attempt, booking nothing, and tries again later', async () => {
    const { handler, events, receive, stripe, balance } = await setup();
    stripe.stored.set('pi_1', {
      providerRef: 'pi_1',
      status: 'refunded',
      amountCentavos: 2_000,
      refundedCentavos: 0.5, // no amount of centavos at all
    });
    await receive('evt_4', 'pi_1');

    expect(await handler.processOne()).toBe(true);
    expect(events.get('stripe', 'evt_4')).toMatchObject({
      processed: false,
      attempts: 1,
      lastError: expect.stringMatching(/refundedCentavos 0.5/),
    });
    expect(await balance('club-aurora', 'ana')).toBe(0);
  });

  it('marks an event unprocessable at once when the provider refuses to look its payment up', async () => {
    const { handler, events, receive, stripe } = await setup();
    stripe.fetch = async () => {
      throw new PaymentRequestInvalidError(
        "stripe refused the request (resource_missing): No such payment_intent: 'pi_1'",
      );
    };
    await receive('evt_3', 'pi_1');

    expect(await handler.processOne()).toBe(true);
    expect(events.get('stripe', 'evt_3')).toMatchObject({
      processed: true,
      outcome: 'unprocessable',
      attempts: 1,
      lastError: expect.stringMatching(/resource_missing/),
    });
    expect(await handler.processOne()).toBe(false);
  });
});
