import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations, type Transaction, AesGcmSealer } from '@sportclub/service-kit';
import { adminDatabaseUrl, createScratchDatabase, type ScratchDatabase } from '@sportclub/testing';
import { NOTIFICATIONS_MIGRATIONS } from '../../src/migrations';
import { ProviderAccountsRepository } from '../../src/provider-accounts/infrastructure/provider-accounts.repository';

const binding = (tenant: string) => `test\n${tenant}\nsmtp`;

/** `provider_account` on a real PostgreSQL: bytes kept exactly, replaced only over what was read. */
describe('provider accounts repository', () => {
  let db: ScratchDatabase;
  let data: DataSource;
  const repo = new ProviderAccountsRepository();
  const [old, next] = [
    { id: '2025', key: randomBytes(32) },
    { id: '2026', key: randomBytes(32) },
  ];
  const before = new AesGcmSealer([old]);
  const after = new AesGcmSealer([next, old]);
  const run = <T>(work: (tx: Transaction) => Promise<T>): Promise<T> => data.transaction(work);

  beforeAll(async () => {
    db = await createScratchDatabase('notifications_accounts');
    data = createDataSource(adminDatabaseUrl(db.name), NOTIFICATIONS_MIGRATIONS);
    await data.initialize();
    await runMigrations(data);
  });
  afterAll(async () => {
    await data?.destroy();
    await db?.drop();
  });

  it('keeps the sealed bytes as they were, one row per club and provider, replaced on save', async () => {
    const first = before.seal(Buffer.from('first'), binding('club-a'));
    const saved = await run((tx) => repo.save(tx, 'club-a', 'smtp', first, 'carla'));
    expect(saved).toMatchObject({ tenantId: 'club-a', provider: 'smtp', updatedBy: 'carla' });
    expect(saved.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const found = await run((tx) => repo.find(tx, 'club-a', 'smtp'));
    expect(before.open(found!.sealed, binding('club-a')).toString()).toBe('first');

    const second = before.seal(Buffer.from('second'), binding('club-a'));
    await run((tx) => repo.save(tx, 'club-a', 'smtp', second, 'davi'));
    const listed = await run((tx) => repo.list(tx, 'club-a'));
    expect(listed).toHaveLength(1);
    expect(listed[0].updatedBy).toBe('davi');
    expect(before.open(listed[0].sealed, binding('club-a')).toString()).toBe('second');
    expect(await run((tx) => repo.list(tx, 'club-b'))).toEqual([]);
  });

  it('re-seals only over the bytes that were read, keeping who and when', async () => {
    const read = (await run((tx) => repo.find(tx, 'club-a', 'smtp')))!;
    const resealed = after.seal(Buffer.from('second'), binding('club-a'));
    expect(await run((tx) => repo.reseal(tx, 'club-a', 'smtp', read.sealed, resealed))).toBe(true);
    // A second re-seal from the same (now stale) read loses: the row changed meanwhile.
    const again = after.seal(Buffer.from('stale'), binding('club-a'));
    expect(await run((tx) => repo.reseal(tx, 'club-a', 'smtp', read.sealed, again))).toBe(false);
    const now = (await run((tx) => repo.find(tx, 'club-a', 'smtp')))!;
    expect(now.sealed.keyId).toBe('2026');
    expect(after.open(now.sealed, binding('club-a')).toString()).toBe('second');
    expect(now).toMatchObject({ updatedBy: read.updatedBy, updatedAt: read.updatedAt });
  });

  it('pages through the rows under other keys in (club, provider) order', async () => {
    for (const t of ['club-c', 'club-d', 'club-e']) {
      await run((tx) => repo.save(tx, t, 'smtp', before.seal(Buffer.from(t), binding(t)), 'ops'));
    }
    const page1 = await run((tx) => repo.sealedWithOtherKeys(tx, '2026', undefined, 2));
    expect(page1.map((r) => r.tenantId)).toEqual(['club-c', 'club-d']);
    const page2 = await run((tx) => repo.sealedWithOtherKeys(tx, '2026', page1[1], 2));
    expect(page2.map((r) => r.tenantId)).toEqual(['club-e']);
  });

  it('removes a row once, and refuses an unknown provider or a malformed IV', async () => {
    expect(await run((tx) => repo.remove(tx, 'club-c', 'smtp'))).toBe(true);
    expect(await run((tx) => repo.remove(tx, 'club-c', 'smtp'))).toBe(false);
    const sealed = before.seal(Buffer.from('x'), binding('club-f'));
    await expect(run((tx) => repo.save(tx, 'club-f', 'pigeon' as 'smtp', sealed, 'ops'))).rejects.toThrow(
      /check constraint/,
    );
    await expect(
      run((tx) => repo.save(tx, 'club-f', 'smtp', { ...sealed, iv: randomBytes(8) }, 'ops')),
    ).rejects.toThrow(/check constraint/);
  });
});
