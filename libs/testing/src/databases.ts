import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { localInfraEnv } from './local-env';
import { repoRoot } from './repo';

function adminUrl(database = 'postgres'): string {
  const env = localInfraEnv(repoRoot());
  const auth = `${env.POSTGRES_ADMIN_USER}:${env.POSTGRES_ADMIN_PASSWORD}`;
  return `postgres://${auth}@${env.POSTGRES_HOST}:${env.POSTGRES_PORT}/${database}`;
}

async function asAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  name: string;
  /** Drops the database, closing whatever still holds a connection to it. */
  drop(): Promise<void>;
}

/**
 * A fresh, uniquely named database owned by `owner` (a service role, so the service sees exactly the
 * rights it has in production), for one test file; dropped afterwards.
 */
export async function createScratchDatabase(prefix: string, owner = 'postgres'): Promise<ScratchDatabase> {
  const name = `${prefix}_t${randomBytes(4).toString('hex')}`.replace(/[^a-z0-9_]/g, '_');
  await asAdmin((c) => c.query(`CREATE DATABASE ${name} OWNER ${owner}`));
  return {
    name,
    drop: () => asAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Connection URL for a database as the admin role, e.g. to inspect what a service wrote. */
export const adminDatabaseUrl = adminUrl;
