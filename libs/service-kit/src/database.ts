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
