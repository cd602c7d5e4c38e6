import { DataSource, type MigrationInterface } from 'typeorm';
import type { HealthIndicator } from '@sportclub/observability';

export type MigrationClass = new () => MigrationInterface;

/** A service's own PostgreSQL database. The schema only ever changes through migrations. */
export function createDataSource(url: string, migrations: MigrationClass[], name = 'app'): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    applicationName: name,
    extra: { max: 10, connectionTimeoutMillis: 5_000 },
  });
}

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so replicas starting together apply each
 * migration once while the others wait and then find nothing to do.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('schema_migrations'))`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('schema_migrations'))`).catch(() => undefined);
    await runner.release();
  }
}

export class DatabaseHealthIndicator implements HealthIndicator {
  readonly name = 'database';
  constructor(private readonly dataSource: DataSource) {}

  async check() {
    const [row] = await this.dataSource.query<{ db: string }[]>('SELECT current_database() AS db');
    return { database: row.db };
  }
}

/**
 * A parsed JSON value without U+0000 in any string or key: PostgreSQL's jsonb (and text) refuse it, so a
 * vendor body carrying `\u0000` would fail its insert — and a 5xx makes the vendor retry it forever.
 * Keep the raw body elsewhere (bytea) when the exact bytes matter.
 */
export function jsonbSafe(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replace(/\u0000/g, '') : value;
  if (Array.isArray(value)) return value.map(jsonbSafe);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [jsonbSafe(k) as string, jsonbSafe(v)]));
  }
  return value;
}
