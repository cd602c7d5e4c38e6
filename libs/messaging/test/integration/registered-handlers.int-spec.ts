import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Envelope } from '@sportclub/contracts';
import { eventually } from '@sportclub/testing';
import { CommandClient, CommandHandlerRegistry, RabbitCommandServer, type MessageContext } from '../../src';
import { messagingHarness, type Harness, type ItemData } from '../support/harness';

/**
 * Handlers registered in code (CommandHandlerRegistry) rather than with @OnCommand: a NestJS provider
 * registers one while the app is created, and the service's command consumer serves it like a decorated
 * one — inbox, reply through the outbox, batching.
 */
describe('command handlers registered in code', () => {
  let h: Harness;
  let app: INestApplication;
  let server: RabbitCommandServer;
  let client: CommandClient;

  beforeAll(async () => {
    h = await messagingHarness('registered_handlers');
    const { RecordItem, RecordItemResult } = h;

    /** What a library offering handlers does: register them from a provider, given the registry. */
    const itemHandlers = {
      provide: 'item-handlers',
      useFactory: (handlers: CommandHandlerRegistry) =>
        handlers.register(
          RecordItem,
          async (envelope: Envelope, ctx: MessageContext) => {
            const data = envelope.data as ItemData;
            await h.recordEffect(ctx, 'registered');
            return RecordItemResult.envelope({
              ...ctx.follow(),
              subject: data.itemId,
              data: { itemId: data.itemId, total: 1 },
            });
          },
          { batched: true },
        ),
      inject: [CommandHandlerRegistry],
    };

    @Module({
      providers: [{ provide: CommandHandlerRegistry, useValue: new CommandHandlerRegistry() }, itemHandlers],
    })
    class TestModule {}

    app = await NestFactory.create(TestModule, { logger: false });
    server = new RabbitCommandServer(h.rabbit, h.dataSource, h.outbox, h.registry, h.service, {
      handlers: app.get(CommandHandlerRegistry),
    });
    app.connectMicroservice({ strategy: server });
    await app.startAllMicroservices();
    await app.init();
    h.relay().start();
    client = new CommandClient(h.rabbit, h.registry);
    await client.start();
  });
  afterAll(async () => {
    client.close();
    await app.close();
    await h.close();
  });

  it('serves a registered handler with the inbox, batched as registered, its reply written to the outbox', async () => {
    expect(server.getHandlerByPattern(h.RecordItem.type)?.extras).toEqual({
      batched: true,
      callsVendor: false,
      carriesSecrets: false,
    });
    const command = h.command('reg-1', 1);
    const reply = await client.request<{ itemId: string; total: number }>(command);
    expect(reply).toMatchObject({
      type: h.RecordItemResult.type,
      causationid: command.id,
      data: { itemId: 'reg-1' },
    });

    await h.rabbit.send({ routingKey: command.type, body: JSON.stringify(command), messageId: command.id });
    await eventually(
      async () => (await h.rabbit.probeQueue(`${h.service}.commands`)).messages === 0,
      'drained',
    );
    await new Promise((r) => setTimeout(r, 300)); // an acknowledged duplicate leaves no trace to wait for
    expect((await h.effects()).filter((e) => e.item_id === 'reg-1')).toEqual([
      expect.objectContaining({ message_id: command.id, via: 'registered' }),
    ]);
  });

  it('refuses to start when a type has both an @OnCommand handler and a registered one', async () => {
    const handlers = new CommandHandlerRegistry();
    handlers.register(h.RecordItem, async () => undefined);
    const both = new RabbitCommandServer(h.rabbit, h.dataSource, h.outbox, h.registry, h.service, {
      handlers,
    });
    both.addHandler(h.RecordItem.type, (async () => undefined) as never);
    await expect(
      new Promise<void>((resolve, reject) => both.listen((e) => (e ? reject(e) : resolve()))),
    ).rejects.toThrow(`${h.RecordItem.type} has an @OnCommand handler and a registered one`);
  });
});
