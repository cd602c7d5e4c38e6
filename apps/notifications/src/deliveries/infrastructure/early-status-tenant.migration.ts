import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `early_status` rows carry the club whose webhook address brought them, and are kept per club: a
 * status posted to one club's address never takes the place of, nor applies to, another club's message.
 * Rows kept before this (no club) still apply to whichever club records the message.
 */
export class EarlyStatusTenant1765400000001 implements MigrationInterface {
  readonly name = 'EarlyStatusTenant1765400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE early_status ADD COLUMN tenant_id text');
    await q.query('ALTER TABLE early_status DROP CONSTRAINT early_status_pkey');
    await q.query(
      `CREATE UNIQUE INDEX early_status_key
         ON early_status (provider, provider_message_id, status, COALESCE(tenant_id, ''))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX early_status_key');
    await q.query('DELETE FROM early_status WHERE tenant_id IS NOT NULL');
    await q.query('ALTER TABLE early_status DROP COLUMN tenant_id');
    await q.query('ALTER TABLE early_status ADD PRIMARY KEY (provider, provider_message_id, status)');
  }
}
