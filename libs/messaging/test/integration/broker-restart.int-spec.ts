import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { commandDeadLetterQueue, commandQueue } from '@sportclub/contracts';
import { eventually } from '@sportclub/testing';
import { messagingHarness, type Harness } from '../support/harness';

const run = promisify(execFile);
/** Stops and starts the RabbitMQ application on the local node: every connection drops, queues stay. */
const rabbitmqctl = (command: 'stop_app' | 'start_app') => run('rabbitmqctl', ['-q', command]);

describe('RabbitMQ restarted while commands flow through the outbox (real broker and PostgreSQL)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await messagingHarness('broker_restart');
    await h.commandConsumer(async (_envelope, ctx) => {
      await h.recordEffect(ctx, 'rabbitmq');
    });
    // Rows go out right after their commit; those the broker refuses are swept once it is back.
    h.relay({
      direct: true,
      sweepAfterMs: 300,
      pollIntervalMs: 200,
      retryBaseMs: 100,
      retryMaxMs: 1_000,
    }).start();
  });
  afterAll(async () => {
    await rabbitmqctl('start_app').catch(() => undefined);
    await h.close();
  });

  const send = (from: number, count: number) =>
    h.inTransaction((m) =>
      h.outbox.publish(
        m,
        Array.from({ length: count }, (_, i) =>
          h.RecordItem.envelope({
            source: 'access-gateway',
            subject: `restart-${(from + i) % 3}`,
            tenantId: 'club-aurora',
            data: { itemId: `restart-${(from + i) % 3}`, seq: from + i },
          }),
        ),
      ),
    );

  it('loses nothing and handles nothing twice: the relay retries until the broker is back and the consumer resumes', async () => {
    await send(0, 10);
    await eventually(async () => (await h.effects()).length === 10, 'before the restart');

    await rabbitmqctl('stop_app');
    try {
      await send(10, 10); // committed while the broker is away
      await eventually(async () => {
        const [row] = await h.dataSource.query<{ failed: number }[]>(
          `SELECT count(*)::int AS failed FROM outbox WHERE sent_at IS NULL AND attempts > 0`,
        );
        return row.failed > 0;
      }, 'the sweep noticed the broker is down');
    } finally {
      await rabbitmqctl('start_app');
    }
    await send(20, 10);

    await eventually(async () => (await h.effects()).length >= 30, 'after the restart', 60_000);
    const [pending] = await h.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL',
    );
    expect(pending.n).toBe(0);
    const effects = await h.effects();
    expect(effects.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(new Set(effects.map((e) => e.message_id)).size).toBe(30);
    await eventually(
      async () => (await h.rabbit.probeQueue(commandQueue(h.service))).messages === 0,
      'drained',
    );
    expect((await h.rabbit.probeQueue(commandDeadLetterQueue(h.service))).messages).toBe(0);
  });
});
