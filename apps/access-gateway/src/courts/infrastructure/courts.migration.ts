import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The club's courts and the price of a session on each, per tenant. */
export class CreateCourts1764500000100 implements MigrationInterface {
  readonly name = 'CreateCourts1764500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE court (
        tenant_id      text NOT NULL,
        court_id       text NOT NULL,
        name           text NOT NULL,
        price_centavos integer NOT NULL CHECK (price_centavos >= 0),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, court_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE court');
  }
}
