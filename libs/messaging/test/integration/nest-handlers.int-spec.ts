import { Controller, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Envelope } from '@sportclub/contracts';
import { eventually } from '@sportclub/testing';
import {
  DeadLetterAdmin,
  CommandClient,
  KafkaEventServer,
  OnCommand,
  OnEvent,
  RabbitCommandServer,
  type MessageContext,
} from '../../src';
import { messagingHarness, type Harness, type ItemData } from '../support/harness';

describe('handlers declared with @OnEvent and @OnCommand in a NestJS app', () => {
  let h: Harness;
  let app: INestApplication;
  let client: CommandClient;

  beforeAll(async () => {
    h = await messagingHarness('nest_handlers');
    const { ItemRecorded, RecordItem, RecordItemResult } = h;

    @Controller()
    class ItemHandlers {
      @OnEvent(ItemRecorded)
      async recorded(envelope: Envelope<ItemData>, ctx: MessageContext): Promise<void> {
        if (envelope.data.poison) throw new Error(`item ${envelope.data.itemId} rejected by the handler`);
        await h.recordEffect(ctx, 'event');
      }

      @OnCommand(RecordItem)
      async record(envelope: Envelope<ItemData>, ctx: MessageContext) {
        await h.recordEffect(ctx, 'command');
        // A follow-up event in the same transaction, in the same flow.
        await ctx.outbox.publish(
          ctx.manager,
          ItemRecorded.envelope({
            ...ctx.follow(),
            subject: envelope.data.itemId,
            data: { ...envelope.data, seq: 99 },
          }),
        );
        return RecordItemResult.envelope({
          ...ctx.follow(),
          subject: envelope.data.itemId,
          data: { itemId: envelope.data.itemId, total: 1 },
        });
      }
    }

    @Module({ controllers: [ItemHandlers] })
    class TestModule {}

    app = await NestFactory.create(TestModule, { logger: false });
    app.connectMicroservice({
      strategy: new RabbitCommandServer(h.rabbit, h.dataSource, h.outbox, h.registry, h.service),
    });
    app.connectMicroservice({
      strategy: new KafkaEventServer(h.kafka, h.dataSource, h.outbox, h.registry, h.service, {
        retryBaseMs: 10,
      }),
    });
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

  it('routes a command to its handler, replies, and the event it caused reaches the event handler in the same flow', async () => {
    const command = h.RecordItem.envelope({
      source: 'access-gateway',
      subject: 'n-1',
      tenantId: 'club-boreal',
      data: { itemId: 'n-1', seq: 1 },
    });
    const reply = await client.request<{ total: number }>(command);
    expect(reply).toMatchObject({
      type: h.RecordItemResult.type,
      causationid: command.id,
      correlationid: command.correlationid,
      tenantid: 'club-boreal',
    });
    await eventually(async () => (await h.effects()).length === 2, 'the caused event handled');
    expect((await h.effects()).map((e) => [e.via, e.seq])).toEqual([
      ['command', 1],
      ['event', 99],
    ]);
    const [row] = await h.dataSource.query<{ envelope: Envelope }[]>(
      `SELECT envelope FROM outbox WHERE kind = 'kafka'`,
    );
    expect(row.envelope).toMatchObject({ causationid: command.id, correlationid: command.correlationid });
  });

  it('hands the handler its own error for retries and the dead letter, not a generic one', async () => {
    const poison = h.envelope({ itemId: 'bad-item', seq: 5, poison: true });
    await h.kafka.publish(h.topic, [{ key: poison.subject, value: JSON.stringify(poison) }]);
    const admin = new DeadLetterAdmin(h.kafka, h.rabbit, { deadLetterTopics: [h.dlt], services: [] });
    await eventually(async () => (await admin.list()).length === 1, 'dead-lettered', 30_000);
    expect((await admin.list())[0].reason).toBe('item bad-item rejected by the handler');
  });

  it('refuses to declare an event handler for a command, and the reverse', () => {
    expect(() => OnEvent(h.RecordItem)).toThrow(/is not an event/);
    expect(() => OnCommand(h.ItemRecorded)).toThrow(/is an event/);
  });
});
