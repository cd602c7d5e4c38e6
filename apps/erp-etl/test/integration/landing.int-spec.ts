import type { Connection } from 'mongoose';
import { scratchMongoUrl } from '@sportclub/testing';
import type { LandingInput } from '../../src/landing/application/ports/landing.port';
import {
  landedPayloadModel,
  prepareLandedPayloads,
} from '../../src/landing/infrastructure/landed-payload.model';
import { MongoLandingRepository } from '../../src/landing/infrastructure/landing.repository';
import { openMongoConnection } from '../../src/shared/infrastructure/mongo-connection.module';

/**
 * The landing zone against the server on MONGO_URL (mongo-java-server locally, MongoDB under compose),
 * in a scratch database of its own.
 */
describe('the landing zone', () => {
  let connection: Connection;
  let landing: MongoLandingRepository;

  beforeAll(async () => {
    connection = await openMongoConnection(scratchMongoUrl('erp_landing'));
    landing = new MongoLandingRepository(await prepareLandedPayloads(connection));
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  let seq = 0;
  const webhook = (patch: Partial<LandingInput> = {}): LandingInput => ({
    client: 'banban',
    flow: 'sales',
    kind: 'webhook',
    eventId: `evt-${++seq}`,
    receivedAt: new Date(Date.UTC(2026, 11, 3, 12, 0, seq)),
    body: `{"eventId":"evt-${seq}","action":"register_sale","data":{}}`,
    headers: { 'x-erp-signature': `t=1796300000,v1=${'a'.repeat(64)}`, 'content-type': 'application/json' },
    sourceIp: '203.0.113.10',
    ...patch,
  });
  const window = { from: new Date(Date.UTC(2026, 11, 3)), to: new Date(Date.UTC(2026, 11, 4)) };
  const model = () => landedPayloadModel(connection);

  it('lands a webhook and gives it back for replay, as it came', async () => {
    const payload = webhook();
    expect(await landing.land(payload)).toBe('landed');
    const [found] = await landing.find({ client: 'banban', flow: 'sales', ...window });
    expect(found).toEqual({ ...payload, id: expect.any(String) });
  });

  it('lands a redelivered event once: the copy is a duplicate and nothing is written', async () => {
    const payload = webhook();
    expect(await landing.land(payload)).toBe('landed');
    const redelivery = {
      ...payload,
      receivedAt: new Date(payload.receivedAt.getTime() + 60_000),
      sourceIp: '::1',
    };
    expect(await landing.land(redelivery)).toBe('duplicate');
    expect(await model().countDocuments({ client: 'banban', eventId: payload.eventId })).toBe(1);
    const [kept] = await model().find({ client: 'banban', eventId: payload.eventId }).lean();
    expect(kept.sourceIp).toBe('203.0.113.10');
  });

  it('tells a webhook from an extract page, and one client from another, with the same id', async () => {
    const eventId = 'shared-id-1';
    expect(await landing.land(webhook({ eventId }))).toBe('landed');
    expect(await landing.land(webhook({ eventId, kind: 'extract' }))).toBe('landed');
    expect(await landing.land(webhook({ eventId, client: 'other' }))).toBe('landed');
  });

  it('keeps the body byte for byte: spacing, key order, escapes, accents, emoji, a huge number', async () => {
    const body =
      '{ "data":{"z":1,  "a":"Tênis Corrida — 42\\n","emoji":"⚽","big":12345678901234567890,' +
      '"esc":"\\u00e7\\"","nul":null,"$key":{"a.b":true}} ,"eventId":"evt-raw"}\r\n';
    const payload = webhook({ eventId: 'evt-raw', body });
    await landing.land(payload);
    const [found] = await landing
      .find({ client: 'banban', ...window, limit: 5_000 })
      .then((all) => all.filter((p) => p.eventId === 'evt-raw'));
    expect(Buffer.from(found.body, 'utf8').equals(Buffer.from(body, 'utf8'))).toBe(true);
  });

  it('refuses every update and delete, and leaves the payload as it was', async () => {
    const payload = webhook();
    await landing.land(payload);
    const filter = { client: 'banban', eventId: payload.eventId };
    await expect(model().updateOne(filter, { body: 'tampered' })).rejects.toThrow(/append-only/);
    await expect(model().findOneAndUpdate(filter, { body: 'tampered' })).rejects.toThrow(/append-only/);
    await expect(model().replaceOne(filter, { ...payload, body: 'tampered' })).rejects.toThrow(/append-only/);
    await expect(model().deleteOne(filter)).rejects.toThrow(/append-only/);
    await expect(model().deleteMany({})).rejects.toThrow(/append-only/);
    await expect(model().bulkWrite([{ deleteOne: { filter } }])).rejects.toThrow(/append-only/);
    const doc = await model().findOne(filter).orFail();
    doc.body = 'tampered';
    await expect(doc.save()).rejects.toThrow(/append-only/);
    await expect(doc.deleteOne()).rejects.toThrow(/append-only/);
    expect((await model().findOne(filter).lean())?.body).toBe(payload.body);
  });

  it("never returns another client's payloads, and narrows by flow, kind and time", async () => {
    const mine = webhook({ client: 'banban', flow: 'transfer' });
    const theirs = webhook({ client: 'riachuelo', flow: 'transfer' });
    const later = webhook({
      client: 'banban',
      flow: 'transfer',
      receivedAt: new Date(Date.UTC(2026, 11, 5)),
    });
    for (const p of [mine, theirs, later]) await landing.land(p);
    const found = await landing.find({ client: 'banban', flow: 'transfer', ...window });
    expect(found.map((p) => p.eventId)).toEqual([mine.eventId]);
    expect(await landing.find({ client: 'banban', flow: 'transfer', kind: 'extract', ...window })).toEqual(
      [],
    );
    const all = await landing.find({ client: 'banban', ...window, limit: 5_000 });
    expect(all.every((p) => p.client === 'banban')).toBe(true);
    expect(all.map((p) => p.receivedAt.getTime())).toEqual(
      [...all.map((p) => p.receivedAt.getTime())].sort((a, b) => a - b),
    );
  });

  it('has the unique index that makes a copy land once', async () => {
    const indexes = await model().listIndexes();
    expect(indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'one_landing_per_event',
          unique: true,
          key: { client: 1, kind: 1, eventId: 1 },
        }),
      ]),
    );
  });
});
