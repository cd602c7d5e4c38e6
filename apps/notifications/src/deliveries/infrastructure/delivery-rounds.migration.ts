import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `delivery.rounds` counts the rounds begun again after an outage (so they end), and
 * `delivery.ruled_out` the channels that failed for the member (never tried again in that delivery,
 * whatever the round). Deliveries written before this start with none of either.
 */
export class DeliveryRounds1765500000000 implements MigrationInterface {
  readonly name = 'DeliveryRounds1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE delivery ADD COLUMN rounds integer NOT NULL DEFAULT 0,
                            ADD COLUMN ruled_out text[] NOT NULL DEFAULT '{}'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE delivery DROP COLUMN rounds, DROP COLUMN ruled_out');
  }
}
