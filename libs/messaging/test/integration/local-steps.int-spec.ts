import { commandQueue } from '@sportclub/contracts';
import { eventually } from '@sportclub/testing';
import { DeadLetterAdmin } from '../../src';
import { messagingHarness, type Harness } from '../support/harness';

/**
 * A command a service sends itself to a `callsVendor` handler is a local step: run in process after the
 * commit, re-run by the sweep when it fails, and — when it keeps failing — sent through the service's
 * queue, whose retries dead-letter it with its error like any command.
 */
describe('local steps on the real PostgreSQL and RabbitMQ', () => {
  let h: Harness;
  let failing = true;
  const calls = new Map<number, number>();
  beforeAll(async () => {
    h = await messagingHarness('local_steps');
    const relay = h.relay({
      direct: true,
      sweepAfterMs: 200,
      pollIntervalMs: 100,
      localLeaseMs: 100,
      retryBaseMs: 20,
      retryMaxMs: 100,
    });
    await h.commandConsumer(
      async (envelope, ctx) => {
        calls.set(envelope.data.seq, (calls.get(envelope.data.seq) ?? 0) + 1);
        if (failing) throw new Error('vendor refused the payload');
        // Outside any transaction: the manager is not there to be used by mistake.
        expect(() => ctx.manager.query('SELECT 1')).toThrow(/calls a vendor/);
        return h.RecordItemResult.envelope({
          ...ctx.follow(),
          subject: envelope.subject,
          data: { itemId: envelope.data.itemId, total: envelope.data.seq },
        });
      },
      { callsVendor: true, relay, maxAttempts: 2, retryBaseMs: 10 },
    );
    relay.start();
  });
  afterAll(() => h.close());

  const send = (seq: number) =>
    h.inTransaction((m) =>
      h.outbox.publish(m, h.command(`step-${seq}`, seq), { replyTo: `${commandQueue(h.service)}-replies` }),
    );
  const pending = async () =>
    (
      await h.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL')
    )[0].n;

  it('a step that keeps failing is re-run by the sweep, then dead-lettered through its queue with the error', async () => {
    await send(1);
    const admin = new DeadLetterAdmin(h.kafka, h.rabbit, { deadLetterTopics: [], services: [h.service] });
    await eventually(async () => (await admin.list()).length === 1, 'dead-lettered', 30_000);
    const [letter] = await admin.list();
    expect(letter.reason).toBe('vendor refused the payload');
    // Once right after the commit, three sweeps, then the queue's two attempts.
    expect(calls.get(1)).toBe(1 + 3 + 2);
    expect(await pending()).toBe(0); // the row left the outbox when it went to the queue
  });

  it('a step that works runs once, in process, and its row is marked sent', async () => {
    failing = false;
    await send(2);
    await eventually(async () => (await pending()) === 0 && calls.get(2) === 1, 'step ran and was marked');
    await new Promise((r) => setTimeout(r, 600)); // past the sweep age: nothing runs it again
    expect(calls.get(2)).toBe(1);
    expect((await h.rabbit.probeQueue(commandQueue(h.service))).messages).toBe(0);
  });
});
