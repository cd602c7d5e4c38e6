import { InMemoryProviderEventRepository } from '../../../../test/support/in-memory-ports';
import { ReceiveProviderEventHandler } from './receive-provider-event.handler';

const setup = () => {
  const events = new InMemoryProviderEventRepository();
  return { events, receive: new ReceiveProviderEventHandler(events) };
};

describe('ReceiveProviderEventHandler', () => {
  it('keeps an event once per provider event id, with the body as the bytes received, NUL and all', async () => {
    const { events, receive } = setup();
    const event = {
      provider: 'stripe' as const,
      eventId: 'evt_1',
      eventType: 'payment_intent.succeeded',
      providerRef: 'pi_1',
    };
    const body = Buffer.from(
      JSON.stringify({ id: 'evt_1', data: { object: { metadata: { note: 'a\u0000b' } } } }),
    );

    expect(await receive.execute(event, body)).toEqual({ received: true, duplicate: false });
    expect(await receive.execute(event, body)).toEqual({ received: true, duplicate: true });
    expect(events.get('stripe', 'evt_1')).toMatchObject({ providerRef: 'pi_1', processed: false });
    expect(events.get('stripe', 'evt_1')!.body.equals(body)).toBe(true);
  });

  it('keeps an event about no top-up as ignored, and one naming an unusable payment as unprocessable', async () => {
    const { events, receive } = setup();
    const body = Buffer.from('{}');
    expect(
      await receive.execute({ provider: 'stripe', eventId: 'evt_2', eventType: 'customer.created' }, body),
    ).toEqual({
      received: true,
      duplicate: false,
      outcome: 'ignored',
      reason: 'customer.created says nothing about a top-up',
    });
    expect(
      await receive.execute(
        {
          provider: 'mercadopago',
          eventId: '77',
          eventType: 'payment.updated\u0000',
          providerRef: 'p\u00001',
        },
        body,
      ),
    ).toEqual({
      received: true,
      duplicate: false,
      outcome: 'unprocessable',
      reason: 'payment.updated\ufffd names no usable payment reference',
    });
    expect(events.get('mercadopago', '77')).toMatchObject({ processed: true, providerRef: null });
  });

  it('dedupes an event whose id cannot be stored as sent by the digest of its body', async () => {
    const { events, receive } = setup();
    const event = {
      provider: 'stripe' as const,
      eventId: 'evt_\u0000',
      eventType: 'payment_intent.succeeded',
      providerRef: 'pi_1',
    };
    const body = Buffer.from('{"id":"evt_\\u0000"}');
    expect(await receive.execute(event, body)).toMatchObject({ duplicate: false });
    expect(await receive.execute(event, body)).toMatchObject({ duplicate: true });
    expect([...events.events.keys()]).toEqual([expect.stringMatching(/^stripe\/sha256:[0-9a-f]{64}$/)]);
  });
});
