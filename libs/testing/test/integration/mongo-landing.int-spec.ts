import mongoose, { Schema, type Connection, type Model, type MongooseQueryMiddleware } from 'mongoose';
import { scratchMongoUrl, startMongoServer, type PrivateMongoServer } from '../../src';

/**
 * What erp-etl's landing zone needs from MongoDB through mongoose, against the server on MONGO_URL
 * (scripts/infra/mongo.sh locally, real MongoDB under docker compose): raw payloads kept as they came in
 * an append-only collection, idempotent by a unique index, read back by index and time; checkpoints
 * upserted; and what was acknowledged still there after a restart or a crash (decision 0021).
 */

interface RawWebhook {
  source: string;
  eventId: string;
  receivedAt: Date;
  payload: unknown;
  /** The request body's bytes, as signed by the sender. */
  body: Buffer;
}

interface Checkpoint {
  source: string;
  page: number;
  runs: number;
}

const APPEND_ONLY: MongooseQueryMiddleware[] = [
  'updateOne',
  'updateMany',
  'replaceOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
];

function models(conn: Connection): { Raw: Model<RawWebhook>; Checkpoint: Model<Checkpoint> } {
  const raw = new Schema<RawWebhook>(
    {
      source: { type: String, required: true },
      eventId: { type: String, required: true },
      receivedAt: { type: Date, required: true },
      payload: { type: Schema.Types.Mixed, required: true },
      body: { type: Buffer, required: true },
    },
    { collection: 'raw_webhooks', versionKey: false, strict: 'throw' },
  );
  raw.index({ source: 1, eventId: 1 }, { unique: true });
  raw.index({ source: 1, receivedAt: -1 });
  // Append-only: the model refuses every update and delete (a replay reads, it never rewrites).
  raw.pre(APPEND_ONLY, () => {
    throw new Error('raw_webhooks is append-only');
  });
  const checkpoint = new Schema<Checkpoint>(
    {
      source: { type: String, required: true, unique: true },
      page: { type: Number, required: true },
      runs: { type: Number, default: 0 },
    },
    { collection: 'checkpoints', versionKey: false },
  );
  return { Raw: conn.model('RawWebhook', raw), Checkpoint: conn.model('Checkpoint', checkpoint) };
}

const webhook = (eventId: string, minutesAgo: number, source = 'banban'): RawWebhook => ({
  source,
  eventId,
  receivedAt: new Date(Date.UTC(2026, 11, 1, 12, 0) - minutesAgo * 60_000),
  payload: {
    event: 'sale.created',
    id: eventId,
    items: [{ sku: 'AGUA-500', qty: 2, price: 450 }],
    coupon: null,
  },
  body: Buffer.from(`{"event":"sale.created","id":"${eventId}"}`),
});

async function connect(url: string): Promise<Connection> {
  return mongoose.createConnection(url, { serverSelectionTimeoutMS: 10_000 }).asPromise();
}

describe('MongoDB landing zone through mongoose (MONGO_URL)', () => {
  let conn: Connection;
  let Raw: Model<RawWebhook>;
  let Checkpoint: Model<Checkpoint>;

  beforeAll(async () => {
    conn = await connect(scratchMongoUrl('landing'));
    ({ Raw, Checkpoint } = models(conn));
    await Promise.all([Raw.init(), Checkpoint.init()]);
  });
  afterAll(async () => {
    await conn?.dropDatabase();
    await conn?.close();
  });

  it('speaks a wire version the driver accepts', async () => {
    const hello = await conn.db!.admin().command({ isMaster: 1 });
    expect(hello.ok).toBe(1);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(8);
  });

  it('keeps a raw payload as it came: nested JSON, nulls, odd keys, the body bytes', async () => {
    const odd = {
      ...webhook('e-odd', 0),
      payload: { 'dotted.key': 1, $dollar: 'x', list: [1, null, { a: [] }] },
    };
    await Raw.create(odd);
    const back = await Raw.findOne({ source: 'banban', eventId: 'e-odd' }).lean().orFail();
    expect(back.payload).toEqual(odd.payload);
    expect(back.receivedAt).toEqual(odd.receivedAt);
    expect(Buffer.from(back.body.buffer).equals(odd.body)).toBe(true);
    await expect(Raw.create({ ...webhook('e-extra', 0), extra: 1 } as RawWebhook)).rejects.toThrow(
      /not in schema/,
    );
  });

  it('is append-only: a second copy of an event is E11000 as mongoose surfaces it; updates and deletes are refused', async () => {
    await Raw.create(webhook('e-1', 30));
    const duplicate = await Raw.create(webhook('e-1', 0)).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(mongoose.mongo.MongoServerError);
    expect(duplicate).toMatchObject({ code: 11000 });
    expect(String((duplicate as Error).message)).toMatch(/E11000 duplicate key error.*source_1_eventId_1/);

    // A batch with a replayed event: the new ones land, the copy is reported.
    const batch = await Raw.insertMany([webhook('e-2', 20), webhook('e-1', 0), webhook('e-3', 10)], {
      ordered: false,
    }).catch((e: unknown) => e);
    expect(batch).toBeInstanceOf(mongoose.mongo.MongoBulkWriteError);
    expect(batch).toMatchObject({ code: 11000 });
    expect(await Raw.countDocuments({ eventId: { $in: ['e-1', 'e-2', 'e-3'] } })).toBe(3);

    await expect(Raw.updateOne({ eventId: 'e-1' }, { $set: { payload: {} } })).rejects.toThrow(/append-only/);
    await expect(Raw.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await Raw.countDocuments({ eventId: 'e-1' })).toBe(1);
  });

  it('reads by the indexes, newest first', async () => {
    await Raw.insertMany([
      webhook('h-1', 50, 'hubspot'),
      webhook('h-2', 5, 'hubspot'),
      webhook('h-3', 25, 'hubspot'),
    ]);
    const names = (await Raw.listIndexes()).map((i: { name: string }) => i.name).sort();
    expect(names).toEqual(['_id_', 'source_1_eventId_1', 'source_1_receivedAt_-1']);

    const newest = await Raw.find({ source: 'hubspot' })
      .sort({ receivedAt: -1 })
      .limit(2)
      .hint({ source: 1, receivedAt: -1 })
      .lean();
    expect(newest.map((d) => d.eventId)).toEqual(['h-2', 'h-3']);
    const since = await Raw.find({ source: 'hubspot', receivedAt: { $gte: webhook('x', 30).receivedAt } })
      .sort({ receivedAt: 1 })
      .lean();
    expect(since.map((d) => d.eventId)).toEqual(['h-3', 'h-2']);
    const perSource = await Raw.aggregate<{ _id: string; n: number }>([
      { $group: { _id: '$source', n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    expect(perSource).toEqual([
      { _id: 'banban', n: 4 },
      { _id: 'hubspot', n: 3 },
    ]);
  });

  it('upserts a checkpoint with findOneAndUpdate: inserted once, then updated', async () => {
    const first = await Checkpoint.findOneAndUpdate(
      { source: 'banban' },
      { $set: { page: 1 }, $inc: { runs: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(first).toMatchObject({ source: 'banban', page: 1, runs: 1 });
    const second = await Checkpoint.findOneAndUpdate(
      { source: 'banban' },
      { $set: { page: 2 }, $inc: { runs: 1 } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(second.lastErrorObject?.updatedExisting).toBe(true);
    expect(second.value).toMatchObject({ source: 'banban', page: 2, runs: 2 });
    expect(await Checkpoint.countDocuments()).toBe(1);
  });

  it('has no transactions: the local server offers no sessions, a standalone MongoDB no replica set', async () => {
    const transaction = conn.transaction(async (session) => {
      await Checkpoint.create([{ source: 'in-a-transaction', page: 1 }], { session });
    });
    await expect(transaction).rejects.toThrow(/does not support sessions|replica set/);
    expect(await Checkpoint.countDocuments({ source: 'in-a-transaction' })).toBe(0);
  });
});

describe('MongoDB landing zone durability (a private mongo.sh server on a scratch store)', () => {
  let server: PrivateMongoServer;

  beforeAll(async () => {
    server = await startMongoServer('landing');
  });
  afterAll(() => server?.remove());

  async function withModels<T>(fn: (m: ReturnType<typeof models>) => Promise<T>): Promise<T> {
    const conn = await connect(server.url);
    try {
      const m = models(conn);
      await Promise.all([m.Raw.init(), m.Checkpoint.init()]);
      return await fn(m);
    } finally {
      await conn.close();
    }
  }

  it('keeps what it acknowledged across a clean restart, unique index included', async () => {
    await withModels(async ({ Raw, Checkpoint }) => {
      await Raw.insertMany([webhook('r-1', 3), webhook('r-2', 2)]);
      await Checkpoint.findOneAndUpdate({ source: 'banban' }, { $set: { page: 7 } }, { upsert: true });
    });
    await server.stop();
    await server.start();
    await withModels(async ({ Raw, Checkpoint }) => {
      expect((await Raw.find().sort({ receivedAt: 1 }).lean()).map((d) => d.eventId)).toEqual(['r-1', 'r-2']);
      expect(await Checkpoint.findOne({ source: 'banban' }).lean()).toMatchObject({ page: 7 });
      await expect(Raw.create(webhook('r-1', 0))).rejects.toMatchObject({ code: 11000 });
    });
  });

  it('keeps what it acknowledged across a crash (SIGKILL right after the write)', async () => {
    await withModels(async ({ Raw }) => {
      await Raw.create(webhook('c-1', 1));
      await server.kill();
    });
    await server.start();
    await withModels(async ({ Raw }) => {
      expect(await Raw.countDocuments({ eventId: { $in: ['r-1', 'r-2', 'c-1'] } })).toBe(3);
    });
  });
});
