import { OutboxRelay } from './outbox.relay';
import type { OutboxMessage } from './outbox.writer';

const row = (id: string, key: string): OutboxMessage => ({
  id,
  kind: 'kafka',
  destination: 'test.things.v1',
  exchange: null,
  key,
  replyTo: null,
  correlationId: null,
  envelope: { id: `00000000-0000-4000-8000-00000000000${id}`, type: 'test.thing.recorded.v1' } as never,
  body: '{}',
  olderPending: [],
});

describe('OutboxRelay sending after commit (no database: the sweep is not started)', () => {
  const sent: string[][] = [];
  let failNext = false;
  const relay = new OutboxRelay('postgres://nobody@127.0.0.1:1/none', {
    events: {
      publish: async (_topic, messages) => {
        if (failNext) {
          failNext = false;
          throw new Error('broker unavailable');
        }
        sent.push(messages.map((m) => m.key));
      },
    },
    commands: { send: async () => undefined },
  });
  afterAll(() => relay.close());
  const settle = () => new Promise((r) => setTimeout(r, 20));

  it('sends a lane in order, leaves a failed lane to the sweep, and holds rows behind rows it does not know', async () => {
    relay.dispatch([row('1', 'a'), row('2', 'b')]);
    await settle();
    expect(sent.flat()).toEqual(['a', 'b']);

    failNext = true;
    relay.dispatch([row('3', 'c')]);
    await settle();
    // Row 4 is behind row 3, which failed: publishing it would overtake 3, so the sweep gets both.
    relay.dispatch([{ ...row('4', 'c'), olderPending: ['3'] }]);
    // Row 5 is behind a row this process never held (another replica's, or one from before a crash).
    relay.dispatch([{ ...row('5', 'd'), olderPending: ['99'] }]);
    // Row 6 is behind row 1, which was sent: it goes.
    relay.dispatch([{ ...row('6', 'a'), olderPending: ['1'] }]);
    await settle();
    expect(sent.flat()).toEqual(['a', 'b', 'a']);
  });

  it('hands out the marks of sent rows once, and again when the write that took them never settles', async () => {
    const now = jest.spyOn(Date, 'now');
    const first = relay.takeMarks();
    expect(first.sort()).toEqual(['1', '2', '6']);
    expect(relay.takeMarks()).toEqual([]); // taken, not settled yet
    now.mockReturnValue(Date.now() + 31_000); // the write's connection died inside its COMMIT
    expect(relay.takeMarks().sort()).toEqual(['1', '2', '6']);
    relay.settleMarks(first, true); // too late: ignored
    now.mockRestore();
  });
});

describe('OutboxRelay running local steps', () => {
  it('runs at most `localConcurrency` at once; the others wait their turn and all run', async () => {
    const relay = new OutboxRelay(
      'postgres://nobody@127.0.0.1:1/none',
      { events: { publish: async () => undefined }, commands: { send: async () => undefined } },
      { localConcurrency: 3 },
    );
    let running = 0;
    let most = 0;
    const ran: string[] = [];
    const gates: (() => void)[] = [];
    relay.runLocally('test.do-thing.v1', async (message) => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((r) => gates.push(r));
      running--;
      ran.push(message.id);
    });
    const step = (id: string): OutboxMessage => ({
      ...row(id, `step-${id}`),
      kind: 'rabbitmq',
      destination: 'test.do-thing.v1',
      envelope: {
        id: `00000000-0000-4000-8000-0000000000${id.padStart(2, '0')}`,
        type: 'test.do-thing.v1',
      } as never,
    });
    relay.dispatch(Array.from({ length: 10 }, (_, i) => step(String(i + 1))));
    for (let i = 0; ran.length < 10 && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 5));
      expect(running).toBeLessThanOrEqual(3);
      gates.splice(0).forEach((open) => open());
    }
    expect(most).toBe(3);
    expect(ran.sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 10 }, (_, i) => String(i + 1)),
    );
    await relay.close();
  });
});
