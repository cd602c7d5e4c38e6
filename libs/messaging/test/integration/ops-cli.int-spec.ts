import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { eventually, repoRoot } from '@sportclub/testing';
import type { DeadLetter } from '../../src';
import { messagingHarness, type Harness } from '../support/harness';

const run = promisify(execFile);

/** The operator CLI as an operator runs it (`npm run ops -- ...` ends in this command). */
async function ops(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/ops.mjs', ...args], { cwd: repoRoot() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run ops -- dlq: one tool for Kafka DLTs and RabbitMQ DLQs', () => {
  let h: Harness;
  let broken = true;
  beforeAll(async () => {
    h = await messagingHarness('ops_cli');
    const handler = async (
      envelope: { data: { itemId: string } },
      ctx: Parameters<Harness['recordEffect']>[0],
    ) => {
      if (broken) throw new Error(`downstream rejected ${envelope.data.itemId}`);
      await h.recordEffect(ctx, ctx.envelope.type.endsWith('record-item.v1') ? 'command' : 'event');
    };
    await h.eventConsumer(handler, { maxAttempts: 2, retryBaseMs: 10 });
    await h.commandConsumer(handler, { maxAttempts: 2, retryBaseMs: 10 });
  });
  afterAll(() => h.close());

  it('lists, shows and replays exactly the chosen dead letters of both brokers', async () => {
    const events = [1, 2].map((seq) => h.envelope({ itemId: `event-${seq}`, seq }));
    await h.kafka.publish(
      h.topic,
      events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    );
    const command = h.RecordItem.envelope({
      source: 'access-gateway',
      subject: 'cmd',
      tenantId: 'club-aurora',
      data: { itemId: 'command-1', seq: 3 },
    });
    await h.rabbit.send({ routingKey: command.type, body: JSON.stringify(command), messageId: command.id });
    const scope = ['--topic', h.dlt, '--service', h.service];

    let letters: DeadLetter[] = [];
    await eventually(
      async () => {
        const listed = await ops('dlq', 'list', ...scope, '--json');
        letters = listed.code === 0 ? (JSON.parse(listed.stdout) as DeadLetter[]) : [];
        return letters.length === 3;
      },
      'three dead letters listed',
      60_000,
    );
    expect(letters.map((l) => l.broker).sort()).toEqual(['kafka', 'kafka', 'rabbitmq']);

    const text = await ops('dlq', 'list', ...scope);
    expect(text.stdout).toMatch(/3 dead letter\(s\)/);
    expect(text.stdout).toContain('downstream rejected command-1');

    const kafkaOne = letters.find((l) => l.body.includes(events[0].id))!;
    const rabbitOne = letters.find((l) => l.broker === 'rabbitmq')!;
    const shown = await ops('dlq', 'show', kafkaOne.id, ...scope);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('"reason": "downstream rejected event-1"');
    expect(shown.stdout).toContain(`"id": "${events[0].id}"`);

    broken = false;
    const replay = await ops('dlq', 'replay', kafkaOne.id, rabbitOne.id, ...scope);
    expect(replay.stdout.trim().split('\n')).toEqual([`replayed ${kafkaOne.id}`, `replayed ${rabbitOne.id}`]);
    await eventually(async () => (await h.effects()).length === 2, 'both replays handled', 30_000);
    const effects = await h.effects();
    expect(effects.map((e) => e.item_id).sort()).toEqual(['command-1', 'event-1']);

    const again = await ops('dlq', 'replay', kafkaOne.id, ...scope);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/not replayed .*already replayed/);
    const left = JSON.parse((await ops('dlq', 'list', ...scope, '--json')).stdout) as DeadLetter[];
    expect(left.map((l) => l.body.includes(events[1].id))).toEqual([true]);
    expect(await ops('dlq', 'show', 'kafka:nowhere:0:0', ...scope)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no dead letter'),
    });
  });
});
