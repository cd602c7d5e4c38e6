import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  MessageRegistry,
  commandDeadLetterQueue,
  commandQueue,
  deadLetterTopic,
  defineMessage,
  type Envelope,
  type ServiceName,
} from '@sportclub/contracts';
import { OUTBOX_MIGRATIONS, Outbox, OutboxRelay, type RelayOptions } from '@sportclub/outbox';
import {
  adminDatabaseUrl,
  createScratchDatabase,
  localInfraEnv,
  repoRoot,
  type ScratchDatabase,
} from '@sportclub/testing';
import {
  CreateInbox1764400000050,
  KafkaConnection,
  KafkaEventServer,
  RabbitCommandServer,
  RabbitConnection,
  type KafkaConsumerOptions,
  type MessageContext,
  type OnCommandOptions,
  type RabbitConsumerOptions,
} from '../../src';
import { handlerExtras } from '../../src/handlers';

class CreateEffects1764400001000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE effects (
      n bigserial PRIMARY KEY, message_id uuid NOT NULL, item_id text NOT NULL, seq integer NOT NULL, via text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE effects');
  }
}

export interface ItemData {
  itemId: string;
  seq: number;
  poison?: boolean;
  /** Free text, e.g. holding U+0000. */
  note?: string;
}

export type Harness = Awaited<ReturnType<typeof messagingHarness>>;

/**
 * One test file's world on the real infrastructure: a scratch database with the outbox, inbox and an
 * `effects` table; its own topics, service queue and consumer group (random names, so runs and a running
 * platform never meet); and test message contracts registered like the platform's.
 */
export async function messagingHarness(label: string) {
  const suffix = randomBytes(3)
    .toString('hex')
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]);
  const service = `t${suffix}` as ServiceName;
  const topic = `test.items-${suffix}.v1`;
  const ItemRecorded = defineMessage<ItemData>({
    type: 'test.item.recorded.v1',
    kind: 'event',
    topic,
    summary: 'test event',
    schema: {
      type: 'object',
      required: ['itemId', 'seq'],
      properties: {
        itemId: { type: 'string' },
        seq: { type: 'integer' },
        poison: { type: 'boolean' },
        note: { type: 'string' },
      },
    },
  });
  const RecordItem = defineMessage<ItemData>({
    type: `${service}.record-item.v1`,
    kind: 'command',
    service,
    summary: 'test command',
    schema: ItemRecorded.schema,
  });
  const RecordItemResult = defineMessage<{ itemId: string; total: number }>({
    type: `${service}.record-item.result.v1`,
    kind: 'reply',
    service,
    summary: 'test reply',
    schema: {
      type: 'object',
      required: ['itemId', 'total'],
      properties: { itemId: { type: 'string' }, total: { type: 'integer' } },
    },
  });
  const registry = new MessageRegistry([ItemRecorded, RecordItem, RecordItemResult], [topic]);
  const infra = localInfraEnv(repoRoot());
  const db: ScratchDatabase = await createScratchDatabase(label);
  const databaseUrl = adminDatabaseUrl(db.name);
  const dataSource = await new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations: [...OUTBOX_MIGRATIONS, CreateInbox1764400000050, CreateEffects1764400001000],
    extra: { max: 10 },
  }).initialize();
  await dataSource.runMigrations();

  const kafka = new KafkaConnection({ brokers: infra.KAFKA_BROKERS.split(','), clientId: label });
  await kafka.ensureTopics([
    { name: topic, owner: service, partitions: 3 },
    { name: deadLetterTopic(topic), owner: service, partitions: 1 },
  ]);
  const rabbit = new RabbitConnection({ url: infra.RABBITMQ_URL, connectionName: label });
  await rabbit.connect();
  const outbox = new Outbox(registry);
  const closers: (() => Promise<unknown>)[] = [];

  const envelope = (data: ItemData): Envelope<ItemData> =>
    ItemRecorded.envelope({ source: 'payments', subject: data.itemId, tenantId: 'club-aurora', data });

  /** A `RecordItem` command, as the gateway would send it. */
  const command = (itemId: string, seq: number, poison = false): Envelope<ItemData> =>
    RecordItem.envelope({
      source: 'access-gateway',
      subject: itemId,
      tenantId: 'club-aurora',
      data: { itemId, seq, poison },
    });

  /** The effect a handler has: one `effects` row per message handled, written in its transaction. */
  const recordEffect = (ctx: MessageContext, via: string) => {
    const data = ctx.envelope.data as ItemData;
    return ctx.manager.query('INSERT INTO effects (message_id, item_id, seq, via) VALUES ($1, $2, $3, $4)', [
      ctx.envelope.id,
      data.itemId,
      data.seq,
      via,
    ]);
  };

  return {
    service,
    topic,
    dlt: deadLetterTopic(topic),
    ItemRecorded,
    RecordItem,
    RecordItemResult,
    registry,
    db,
    databaseUrl,
    dataSource,
    kafka,
    rabbit,
    outbox,
    envelope,
    command,
    recordEffect,

    async eventConsumer(
      handler: (envelope: Envelope<ItemData>, ctx: MessageContext) => Promise<unknown>,
      options: KafkaConsumerOptions = {},
    ): Promise<KafkaEventServer> {
      const server = new KafkaEventServer(kafka, dataSource, outbox, registry, service, options);
      server.addHandler(ItemRecorded.type, handler as never, true);
      await new Promise<void>((resolve, reject) => server.listen((e) => (e ? reject(e) : resolve())));
      closers.push(() => server.close());
      return server;
    },

    /**
     * `batched` / `callsVendor` register the handler as `@OnCommand(RecordItem, { batched: true })` /
     * `{ callsVendor: true }` would (pass the harness's direct `relay` for local steps).
     */
    async commandConsumer(
      handler: (envelope: Envelope<ItemData>, ctx: MessageContext) => Promise<unknown>,
      options: RabbitConsumerOptions & OnCommandOptions = {},
    ): Promise<RabbitCommandServer> {
      const server = new RabbitCommandServer(rabbit, dataSource, outbox, registry, service, options);
      server.addHandler(RecordItem.type, handler as never, false, handlerExtras(RecordItem.type, options));
      await new Promise<void>((resolve, reject) => server.listen((e) => (e ? reject(e) : resolve())));
      closers.push(() => server.close());
      return server;
    },

    /**
     * A relay over the harness's brokers. By default it only sweeps, at once (`sweepAfterMs: 0`), as a
     * relay of another replica would. With `direct`, it also sends what the harness's transactions commit,
     * right after each commit, as a service's own relay does (one such relay per harness).
     */
    relay(options: RelayOptions & { direct?: boolean } = {}): OutboxRelay {
      const { direct, ...rest } = options;
      const relay = new OutboxRelay(
        databaseUrl,
        { events: kafka, commands: rabbit },
        { pollIntervalMs: 200, sweepAfterMs: direct ? 1_000 : 0, ...rest },
      );
      if (direct) outbox.sendAfterCommit(dataSource, relay);
      closers.push(() => relay.close());
      return relay;
    },

    inTransaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
      return dataSource.transaction(fn);
    },

    async effects(): Promise<{ message_id: string; item_id: string; seq: number; via: string }[]> {
      return dataSource.query('SELECT message_id, item_id, seq, via FROM effects ORDER BY n');
    },

    /** Offsets the consumer group committed vs the topic's end, per partition. */
    async lag(): Promise<number> {
      return (await kafka.consumerLag(service, [topic]))[topic];
    },

    async close(): Promise<void> {
      for (const close of closers.reverse()) await close().catch(() => undefined);
      const channel = await rabbit.openChannel().catch(() => undefined);
      if (channel) {
        await channel.deleteQueue(commandQueue(service)).catch(() => undefined);
        await channel.deleteQueue(commandDeadLetterQueue(service)).catch(() => undefined);
        await channel.close().catch(() => undefined);
      }
      const admin = await kafka.getAdmin();
      await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic)] }).catch(() => undefined);
      await admin.deleteGroups([service]).catch(() => undefined);
      await Promise.allSettled([kafka.close(), rabbit.close(), dataSource.destroy()]);
      await db.drop();
    },
  };
}

export function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
