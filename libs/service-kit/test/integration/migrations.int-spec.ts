import type { MigrationInterface, QueryRunner } from 'typeorm';
import { adminDatabaseUrl, createScratchDatabase, type ScratchDatabase } from '@sportclub/testing';
import { createDataSource, runMigrations } from '../../src';

class CreateCourts1764000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // Slow on purpose, so replicas starting together really overlap.
    await q.query('SELECT pg_sleep(0.3)');
    await q.query('CREATE TABLE courts (id uuid PRIMARY KEY, tenant_id text NOT NULL, name text NOT NULL)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE courts');
  }
}

class AddCourtPrice1764000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE courts ADD COLUMN price_cents integer NOT NULL DEFAULT 0');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE courts DROP COLUMN price_cents');
  }
}

describe('migrations on a real PostgreSQL database', () => {
  let db: ScratchDatabase;
  beforeEach(async () => (db = await createScratchDatabase('migrations')));
  afterEach(() => db.drop());

  it('applies each migration exactly once when three replicas start at the same time', async () => {
    const replicas = [1, 2, 3].map(() =>
      createDataSource(adminDatabaseUrl(db.name), [CreateCourts1764000000000, AddCourtPrice1764000000001]),
    );
    await Promise.all(replicas.map((r) => r.initialize()));
    try {
      const applied = await Promise.all(replicas.map((r) => runMigrations(r)));
      expect(applied.flat().sort()).toEqual(['AddCourtPrice1764000000001', 'CreateCourts1764000000000']);
      const rows = await replicas[0].query('SELECT name FROM schema_migrations ORDER BY id');
      expect(rows.map((r: { name: string }) => r.name)).toEqual([
        'CreateCourts1764000000000',
        'AddCourtPrice1764000000001',
      ]);
      const columns = await replicas[0].query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'courts' ORDER BY ordinal_position`,
      );
      expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual([
        'id',
        'tenant_id',
        'name',
        'price_cents',
      ]);
      expect(await runMigrations(replicas[1])).toEqual([]);
    } finally {
      await Promise.all(replicas.map((r) => r.destroy()));
    }
  });
});
