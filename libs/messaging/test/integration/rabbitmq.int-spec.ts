import { randomUUID } from 'node:crypto';
import { connect, type ChannelModel } from 'amqplib';
import {
  MAX_COMMAND_DELIVERIES,
  commandDeadLetterQueue,
  commandQueue,
  type ServiceName,
} from '@sportclub/contracts';
import { RabbitCommandServer, RabbitConnection, type RabbitCommandContext } from '../../src';
import { eventually, localInfraEnv, repoRoot } from '@sportclub/testing';

const url = localInfraEnv(repoRoot()).RABBITMQ_URL;

describe('RabbitMQ command bus through the messaging library (real broker)', () => {
  // A throwaway service name keeps this test's queues apart from the running platform's.
  const service = `test-${randomUUID().slice(0, 8)}` as ServiceName;
  const connection = new RabbitConnection({ url, connectionName: service });
  const server = new RabbitCommandServer(connection, service);
  const handled: { body: unknown; deliveries: number }[] = [];
  let attemptsOfBroken = 0;
  let inspector: ChannelModel;

  beforeAll(async () => {
    server.addHandler(`${service}.echo`, async (body: { n: number }) => ({ doubled: body.n * 2 }));
    server.addHandler(`${service}.record`, async (body: unknown, ctx: RabbitCommandContext) => {
      handled.push({ body, deliveries: ctx.deliveryCount });
    });
    server.addHandler(`${service}.broken`, async () => {
      attemptsOfBroken++;
      throw new Error('handler bug');
    });
    await connection.connect();
    await new Promise<void>((resolve, reject) => server.listen((e) => (e ? reject(e) : resolve())));
    inspector = await connect(url);
  });

  afterAll(async () => {
    await server.close();
    const ch = await inspector.createChannel();
    await ch.deleteQueue(commandQueue(service));
    await ch.deleteQueue(commandDeadLetterQueue(service));
    await inspector.close();
    await connection.close();
  });

  it('declares a durable quorum queue with a delivery limit and its dead-letter queue', async () => {
    const ch = await inspector.createChannel();
    ch.on('error', () => undefined); // the failed re-declaration below closes this channel, as intended
    const main = await ch.checkQueue(commandQueue(service));
    const dlq = await ch.checkQueue(commandDeadLetterQueue(service));
    expect(main.consumerCount).toBe(1);
    expect(dlq.queue).toBe(`${service}.commands.dlq`);
    // Re-declaring with other arguments must fail: proves the queue really is quorum-typed.
    await expect(ch.assertQueue(commandQueue(service), { durable: true })).rejects.toThrow(
      /PRECONDITION_FAILED/,
    );
  });

  it('publishes with a broker confirm, consumes and acknowledges exactly once', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    for (const [i, id] of ids.entries()) {
      await connection.send({ routingKey: `${service}.record`, messageId: id, body: JSON.stringify({ i }) });
    }
    await eventually(() => handled.length === 20, 'all commands handled');
    expect(handled.map((h) => (h.body as { i: number }).i).sort((a, b) => a - b)).toEqual([
      ...Array(20).keys(),
    ]);
    expect(handled.every((h) => h.deliveries === 1)).toBe(true);
    const ch = await inspector.createChannel();
    await eventually(
      async () => (await ch.checkQueue(commandQueue(service))).messageCount === 0,
      'queue drained',
    );
  });

  it('answers request/reply on the sender reply queue, correlated by id', async () => {
    const ch = await inspector.createChannel();
    const { queue: replyTo } = await ch.assertQueue('', { exclusive: true });
    const correlationId = randomUUID();
    const reply = new Promise<{ correlationId: string; body: unknown }>((resolve) =>
      ch.consume(
        replyTo,
        (msg) =>
          msg &&
          resolve({ correlationId: msg.properties.correlationId, body: JSON.parse(msg.content.toString()) }),
        { noAck: true },
      ),
    );
    await connection.send({
      routingKey: `${service}.echo`,
      messageId: randomUUID(),
      correlationId,
      replyTo,
      body: '{"n":21}',
    });
    await expect(reply).resolves.toEqual({ correlationId, body: { doubled: 42 } });
  });

  it('dead-letters a command that keeps failing after the delivery limit, and one nobody handles', async () => {
    await connection.send({ routingKey: `${service}.broken`, messageId: 'poison-1', body: '{}' });
    await connection.send({ routingKey: `${service}.unknown`, messageId: 'unrouted-1', body: '{}' });
    const ch = await inspector.createChannel();
    await eventually(
      async () => (await ch.checkQueue(commandDeadLetterQueue(service))).messageCount === 2,
      'two dead letters',
      60_000,
    );
    expect(attemptsOfBroken).toBe(MAX_COMMAND_DELIVERIES + 1);
    const dead: string[] = [];
    for (
      let m = await ch.get(commandDeadLetterQueue(service));
      m;
      m = await ch.get(commandDeadLetterQueue(service))
    ) {
      dead.push(m.properties.messageId);
      ch.ack(m);
    }
    expect(dead.sort()).toEqual(['poison-1', 'unrouted-1']);
  });
});
