import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per ended session whose consumption payments settled — or refused, when the amount it was
 * sent is not an exact number of centavos (the row then says why, and nothing was taken). The key makes
 * a session settle once however often its event is sent; the check holds consumption = charged + unpaid
 * in bigint arithmetic.
 */
export class CreateConsumptionSettlements1764800000000 implements MigrationInterface {
  readonly name = 'CreateConsumptionSettlements1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consumption_settlement (
        tenant_id            text NOT NULL,
        session_id           text NOT NULL,
        member_id            text NOT NULL,
        outcome              text NOT NULL CHECK (outcome IN ('settled', 'refused')),
        consumption_centavos bigint CHECK (consumption_centavos >= 0),
        charged_centavos     bigint NOT NULL CHECK (charged_centavos >= 0),
        unpaid_centavos      bigint CHECK (unpaid_centavos >= 0),
        reason               text,
        settled_at           timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, session_id),
        CHECK ((outcome = 'settled') = (consumption_centavos IS NOT NULL AND unpaid_centavos IS NOT NULL
          AND consumption_centavos = charged_centavos + unpaid_centavos)),
        CHECK ((outcome = 'refused') = (reason IS NOT NULL AND charged_centavos = 0))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE consumption_settlement');
  }
}
