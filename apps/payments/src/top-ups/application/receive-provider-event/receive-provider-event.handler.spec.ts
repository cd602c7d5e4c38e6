import { InMemoryProviderEventRepository } from '../../../../test/support/in-memory-ports';
import { ReceiveProviderEventHandler } from './receive-provider-event.handler';

describe('ReceiveProviderEventHandler', () => {
  it('stores an event once per provider event id, with the body as received', async () => {
    const events = new InMemoryProviderEventRepository();
    const receive = new ReceiveProviderEventHandler(events);
    const event = {
      provider: 'stripe' as const,
      eventId: 'evt_1',
      eventType: 'payment_intent.succeeded',
      providerRef: 'pi_1',
    };
    const body = Buffer.from('{"id":"evt_1"}');

    expect(await receive.execute(event, body)).toEqual({ received: true, duplicate: false });
    expect(await receive.execute(event, body)).toEqual({ received: true, duplicate: true });
    expect(events.get('stripe', 'evt_1')).toMatchObject({ providerRef: 'pi_1', body });
  });
});
