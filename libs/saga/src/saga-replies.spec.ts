import type { DataSource } from 'typeorm';
import type { Envelope } from '@sportclub/contracts';
import { CommandHandlerRegistry, type MessageContext } from '@sportclub/messaging';
import { orderSaga } from '../test/support/order.saga';
import { defineSaga } from './saga-definition.builder';
import { registerSagaReplies } from './saga-replies';
import { SagaEngine, type AnySagaDefinition } from './saga.engine';
import { next } from './saga.outcome';

const engineFor = (...definitions: AnySagaDefinition[]) =>
  // The constructor does no I/O; only handleReply would touch the database, and it is replaced below.
  new SagaEngine({ dataSource: {} as DataSource, definitions, source: 'shop', replyTo: 'shop.commands' });

describe('registerSagaReplies', () => {
  it("registers one batched handler per reply type of the engine's definitions, each handing the reply to the engine in the inbox transaction", async () => {
    const engine = engineFor(orderSaga());
    const applied = jest
      .spyOn(engine, 'handleReply')
      .mockResolvedValue({ outcome: 'ignored', reason: 'recorded by the test' });
    const handlers = new CommandHandlerRegistry();

    const debug = jest.fn();
    const types = registerSagaReplies(engine, handlers, { debug });
    const registered = handlers.take();
    expect([...types].sort()).toEqual([
      'carrier.ship.result.v1',
      'shop.release-stock.result.v1',
      'shop.reserve-stock.result.v1',
      'shop.take-stock.result.v1',
      'supplier.restock.result.v1',
    ]);
    expect(registered.map((r) => r.type)).toEqual(types);
    expect(registered.every((r) => r.batched)).toBe(true);

    const reply = { id: 'r-1', type: 'carrier.ship.result.v1' } as Envelope;
    const manager = { transaction: 'of the inbox' };
    const handler = registered.find((r) => r.type === reply.type)!;
    await expect(handler.handle(reply, { manager } as unknown as MessageContext)).resolves.toBeUndefined();
    expect(applied).toHaveBeenCalledWith(reply, manager);
    expect(debug).toHaveBeenCalledWith('reply carrier.ship.result.v1 r-1 ignored: recorded by the test');
  });

  it('refuses an engine with a compensation whose replies it could not route', () => {
    const unrouted = defineSaga('unrouted')
      .step('one', (s) =>
        s
          .send('x.one.v1', () => ({ subject: 's', data: {} }))
          .onReply('x.r.v1', () => next())
          .compensate('x.undo.v1', () => ({ subject: 's', data: {} })),
      )
      .build();
    expect(() => registerSagaReplies(engineFor(unrouted), new CommandHandlerRegistry())).toThrow(
      'declares no reply',
    );
  });
});
