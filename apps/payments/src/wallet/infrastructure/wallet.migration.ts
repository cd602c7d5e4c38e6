import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wallets (balances cached per member and tenant, never negative), the double-entry ledger they are
 * derived from, and credit reservations (one row per reservation id, so commands about it are
 * idempotent and a release that overtook its reserve is remembered).
 */
export class CreateWallets1764500000000 implements MigrationInterface {
  readonly name = 'CreateWallets1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE wallet (
        tenant_id          text NOT NULL,
        member_id          text NOT NULL,
        available_centavos bigint NOT NULL DEFAULT 0 CHECK (available_centavos >= 0),
        reserved_centavos  bigint NOT NULL DEFAULT 0 CHECK (reserved_centavos >= 0),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, member_id)
      )`);
    await q.query(`
      CREATE TABLE ledger_entry (
        id              bigserial PRIMARY KEY,
        tenant_id       text NOT NULL,
        movement_id     uuid NOT NULL,
        kind            text NOT NULL,
        reference       text NOT NULL,
        account         text NOT NULL,
        amount_centavos bigint NOT NULL CHECK (amount_centavos <> 0),
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_entry_account ON ledger_entry (tenant_id, account, id)`);
    await q.query(`CREATE INDEX ledger_entry_movement ON ledger_entry (movement_id)`);
    await q.query(`
      CREATE TABLE credit_reservation (
        tenant_id       text NOT NULL,
        reservation_id  text NOT NULL,
        member_id       text,
        amount_centavos bigint NOT NULL,
        state           text NOT NULL CHECK (state IN ('RESERVED', 'COMMITTED', 'RELEASED')),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, reservation_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE credit_reservation');
    await q.query('DROP TABLE ledger_entry');
    await q.query('DROP TABLE wallet');
  }
}
