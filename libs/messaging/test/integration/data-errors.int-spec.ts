import type { Envelope } from '@sportclub/contracts';
import { eventually } from '@sportclub/testing';
import { DeadLetterAdmin, type MessageContext } from '../../src';
import { messagingHarness, type Harness, type ItemData } from '../support/harness';

/**
 * A valid envelope may hold a string with U+0000, which PostgreSQL's `text` and `jsonb` refuse (SQLSTATE
 * class 22). The outbox must still store and send it, and a handler that fails on it with a data
 * exception must be dead-lettered at once with the error — never retried into a loop.
 */
const NUL = 'card holder\u0000 metadata';

describe('messages holding U+0000, and handlers failing with a data exception (real brokers and PostgreSQL)', () => {
  let h: Harness;
  let admin: DeadLetterAdmin;
  const calls = new Map<string, number>();
  const notes = new Map<string, string | undefined>();

  /** Records the effect; a `poison` message's handler also stores its note as text, which U+0000 breaks. */
  const handler = (via: string) => async (envelope: Envelope<ItemData>, ctx: MessageContext) => {
    calls.set(envelope.id, (calls.get(envelope.id) ?? 0) + 1);
    notes.set(envelope.id, envelope.data.note);
    const { itemId, seq, poison, note } = envelope.data;
    await ctx.manager.query('INSERT INTO effects (message_id, item_id, seq, via) VALUES ($1, $2, $3, $4)', [
      envelope.id,
      itemId,
      seq,
      poison ? `${via}: ${note}` : via,
    ]);
  };

  beforeAll(async () => {
    h = await messagingHarness('data_errors');
    await h.eventConsumer(handler('kafka'), { maxAttempts: 3, retryBaseMs: 20 });
    await h.commandConsumer(handler('rabbitmq'), { batched: true, maxAttempts: 3, retryBaseMs: 20 });
    h.relay().start();
    admin = new DeadLetterAdmin(h.kafka, h.rabbit, { deadLetterTopics: [h.dlt], services: [h.service] });
  });
  afterAll(() => h.close());

  const effectsOf = async (id: string) => (await h.effects()).filter((e) => e.message_id === id);

  async function storedAndSent(id: string): Promise<void> {
    await eventually(async () => {
      const [row] = await h.dataSource.query(`SELECT sent_at FROM outbox WHERE message_id = $1`, [id]);
      return row?.sent_at !== null && row?.sent_at !== undefined;
    }, `outbox row of ${id} sent`);
    const [{ text }] = await h.dataSource.query(
      `SELECT envelope::text AS text FROM outbox WHERE message_id = $1`,
      [id],
    );
    expect(text).toContain('\\u0000');
    expect((JSON.parse(text) as Envelope<ItemData>).data.note).toBe(NUL);
  }

  it('writes an event holding U+0000 to the outbox, publishes it and handles it once, intact, even delivered twice', async () => {
    const event = h.envelope({ itemId: 'nul-event', seq: 1, note: NUL });
    await h.inTransaction((m) => h.outbox.publish(m, event));
    await storedAndSent(event.id);
    await eventually(async () => (await effectsOf(event.id)).length === 1, 'event handled');

    await h.kafka.publish(h.topic, [{ key: event.subject, value: JSON.stringify(event) }]);
    await eventually(async () => (await h.lag()) === 0, 'duplicate consumed');
    expect(await effectsOf(event.id)).toEqual([
      expect.objectContaining({ item_id: 'nul-event', via: 'kafka' }),
    ]);
    expect(calls.get(event.id)).toBe(1);
    expect(notes.get(event.id)).toBe(NUL);
  });

  it('sends a command holding U+0000 through the outbox and handles it once, even delivered twice', async () => {
    const command = h.RecordItem.envelope({
      source: 'access-gateway',
      subject: 'nul-command',
      tenantId: 'club-aurora',
      data: { itemId: 'nul-command', seq: 1, note: NUL },
    });
    await h.inTransaction((m) => h.outbox.publish(m, command));
    await storedAndSent(command.id);
    await eventually(async () => (await effectsOf(command.id)).length === 1, 'command handled');

    await h.rabbit.send({ routingKey: command.type, body: JSON.stringify(command), messageId: command.id });
    await eventually(
      async () => (await h.rabbit.probeQueue(`${h.service}.commands`)).messages === 0,
      'drained',
    );
    await new Promise((r) => setTimeout(r, 300)); // an acknowledged duplicate leaves no trace to wait for
    expect(await effectsOf(command.id)).toEqual([
      expect.objectContaining({ item_id: 'nul-command', via: 'rabbitmq' }),
    ]);
    expect(calls.get(command.id)).toBe(1);
    expect(notes.get(command.id)).toBe(NUL);
  });

  it('dead-letters an event whose handler fails with a data exception after one attempt, with the reason, and goes on', async () => {
    const poison = h.envelope({ itemId: 'nul-key', seq: 1, poison: true, note: NUL });
    const next = [2, 3].map((seq) => h.envelope({ itemId: 'nul-key', seq }));
    await h.kafka.publish(
      h.topic,
      [poison, ...next].map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    );
    await eventually(async () => (await h.lag()) === 0, 'topic drained');
    expect(calls.get(poison.id)).toBe(1);
    expect(await effectsOf(poison.id)).toEqual([]);
    for (const e of next) expect(await effectsOf(e.id)).toHaveLength(1);

    const letter = (await admin.list()).find((l) => l.messageId === poison.id || l.body.includes(poison.id));
    expect(letter).toMatchObject({ broker: 'kafka', attempts: 1, source: h.topic, consumer: h.service });
    expect(letter!.reason).toMatch(/^data exception \(SQLSTATE 22021\), not retried: invalid byte sequence/);
  });

  it('dead-letters a command whose handler fails with a data exception after one attempt, batched or not', async () => {
    const poison = h.command('nul-cmd-poison', 1, true);
    const withNote = { ...poison, data: { ...poison.data, note: NUL } };
    const others = [1, 2, 3].map((seq) => h.command('nul-cmd-ok', seq));
    await Promise.all(
      [withNote, ...others].map((c) =>
        h.rabbit.send({ routingKey: c.type, body: JSON.stringify(c), messageId: c.id }),
      ),
    );
    await eventually(
      async () => (await admin.list()).some((l) => l.messageId === poison.id),
      'command dead-lettered',
    );
    await eventually(
      async () => (await h.effects()).filter((e) => e.item_id === 'nul-cmd-ok').length === 3,
      'the other commands handled',
    );
    const letter = (await admin.list()).find((l) => l.messageId === poison.id)!;
    expect(letter).toMatchObject({
      broker: 'rabbitmq',
      attempts: 1,
      source: poison.type,
      consumer: h.service,
    });
    expect(letter.reason).toMatch(/^data exception \(SQLSTATE 22021\), not retried: invalid byte sequence/);
    expect(calls.get(poison.id)).toBe(1);
    expect(await effectsOf(poison.id)).toEqual([]);
  });
});
