import type { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { MessageRegistry, defineMessage } from '@sportclub/contracts';
import { Outbox, type OutboxMessage, type OutboxSender } from './outbox.writer';

const Recorded = defineMessage<{ n: number }>({
  type: 'test.thing.recorded.v1',
  kind: 'event',
  topic: 'test.things.v1',
  summary: 'test event',
  schema: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
});
const event = (n: number) =>
  Recorded.envelope({ source: 'payments', subject: `thing-${n % 2}`, tenantId: 'club-a', data: { n } });

/**
 * A query runner driven by hand through TypeORM's transaction events, recording the statements the
 * outbox sends (each INSERT answers with ids in order, no older pending rows).
 */
function world() {
  const subscribers: EntitySubscriberInterface[] = [];
  const statements: { sql: string; params: unknown[] }[] = [];
  let nextId = 1;
  const runner = {
    isTransactionActive: false,
    manager: {} as never,
  } as unknown as QueryRunner & { isTransactionActive: boolean };
  (runner as { manager: unknown }).manager = {
    queryRunner: runner,
    query: async (sql: string, params: unknown[]) => {
      statements.push({ sql, params });
      const ids = params[0] as string[];
      const destinations = params[2] as string[];
      return ids.map((id, i) => ({
        id: String(nextId++),
        message_id: id,
        destination: destinations[i],
        older: [],
      }));
    },
  };
  const fire = async (event: keyof EntitySubscriberInterface) => {
    for (const s of subscribers)
      await (s[event] as ((e: unknown) => unknown) | undefined)?.({ queryRunner: runner });
  };
  const tx = {
    async begin() {
      await fire('beforeTransactionStart');
      runner.isTransactionActive = true;
      await fire('afterTransactionStart');
    },
    async commit(outermost: boolean) {
      await fire('beforeTransactionCommit');
      if (outermost) runner.isTransactionActive = false;
      await fire('afterTransactionCommit');
    },
    async rollback(outermost: boolean) {
      if (outermost) runner.isTransactionActive = false;
      await fire('afterTransactionRollback');
    },
    /** The outbox writes before COMMIT, the COMMIT fails, TypeORM rolls back. */
    async commitFails() {
      await fire('beforeTransactionCommit');
      runner.isTransactionActive = false;
      await fire('afterTransactionRollback');
    },
  };
  const dispatched: OutboxMessage[][] = [];
  const settled: { ids: string[]; committed: boolean }[] = [];
  const marks = ['41', '42'];
  const sender: OutboxSender = {
    dispatch: (rows) => dispatched.push(rows),
    takeMarks: () => marks.splice(0),
    settleMarks: (ids, committed) => settled.push({ ids, committed }),
  };
  const outbox = new Outbox(new MessageRegistry([Recorded], ['test.things.v1']));
  outbox.sendAfterCommit({ subscribers } as unknown as DataSource, sender);
  return { outbox, manager: runner.manager as never, tx, statements, dispatched, settled, marks };
}

describe('Outbox sending after commit', () => {
  it('writes a transaction’s rows in one INSERT before its COMMIT, carrying the marks, and sends them after', async () => {
    const w = world();
    await w.tx.begin();
    await w.outbox.publish(w.manager, event(1));
    await w.outbox.publish(w.manager, [event(2), event(3)]);
    expect(w.statements).toHaveLength(0); // nothing written until the commit

    await w.tx.commit(true);
    expect(w.statements).toHaveLength(1);
    expect(w.statements[0].sql).toMatch(/^WITH marked AS \(\s*UPDATE outbox SET sent_at/);
    expect(w.statements[0].params[8]).toEqual(['41', '42']);
    expect(w.dispatched).toHaveLength(1);
    expect(w.dispatched[0].map((r) => [r.id, r.envelope.data])).toEqual([
      ['1', { n: 1 }],
      ['2', { n: 2 }],
      ['3', { n: 3 }],
    ]);
    expect(w.settled).toEqual([{ ids: ['41', '42'], committed: true }]);
  });

  it('writes at each savepoint: the rows before it when it starts, its own when released; drops a rolled-back one', async () => {
    const w = world();
    await w.tx.begin();
    await w.outbox.publish(w.manager, event(1));
    await w.tx.begin(); // savepoint: row 1 is written first, so ids follow the order of publishing
    expect(w.statements).toHaveLength(1);
    await w.outbox.publish(w.manager, event(2));
    await w.tx.rollback(false); // its INSERT never happened
    await w.tx.begin();
    await w.outbox.publish(w.manager, event(3));
    await w.tx.commit(false); // released: written inside the savepoint, so a failure would fail it alone
    expect(w.statements).toHaveLength(2);
    await w.outbox.publish(w.manager, event(4));
    await w.tx.commit(true);
    expect(w.statements).toHaveLength(3);
    expect(w.statements.map((st) => (st.params[0] as string[]).length)).toEqual([1, 1, 1]);
    expect(w.dispatched.flat().map((r) => r.envelope.data)).toEqual([{ n: 1 }, { n: 3 }, { n: 4 }]);
  });

  it('sends nothing and gives the carried marks back when the COMMIT fails after the write', async () => {
    const w = world();
    await w.tx.begin();
    await w.outbox.publish(w.manager, event(1));
    await w.tx.commitFails();
    expect(w.statements).toHaveLength(1); // written, then rolled back with the transaction
    expect(w.dispatched).toEqual([]);
    expect(w.settled).toEqual([{ ids: ['41', '42'], committed: false }]);
  });
});
