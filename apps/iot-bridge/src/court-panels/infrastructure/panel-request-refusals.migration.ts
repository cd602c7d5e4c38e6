import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A request the bridge took may still be refused by the gateway (`access.panel-request.refused.v1`):
 * the row keeps its code once, when it came, and when its answer reached the panel, so a duplicate
 * refusal sends nothing new and a repeat of the request is answered the same way.
 */
export class RecordPanelRequestRefusals1764600000500 implements MigrationInterface {
  readonly name = 'RecordPanelRequestRefusals1764600000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE panel_request
        ADD COLUMN refusal text CHECK (refusal IN ('not-a-member', 'member-suspended', 'unknown-court',
                                                   'check-in-in-progress', 'already-on-court', 'no-open-session')),
        ADD COLUMN refused_at timestamptz,
        ADD COLUMN delivered_at timestamptz,
        ADD CONSTRAINT panel_request_refused_once_taken
          CHECK (refusal IS NULL OR (outcome = 'accepted' AND action <> 'button')),
        ADD CONSTRAINT panel_request_refused_when CHECK ((refusal IS NULL) = (refused_at IS NULL)),
        ADD CONSTRAINT panel_request_delivered_refusal CHECK (delivered_at IS NULL OR refusal IS NOT NULL)`);
    await q.query(
      'CREATE INDEX panel_request_undelivered ON panel_request (refused_at) WHERE refused_at IS NOT NULL AND delivered_at IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX panel_request_undelivered');
    await q.query(`
      ALTER TABLE panel_request
        DROP CONSTRAINT panel_request_delivered_refusal,
        DROP CONSTRAINT panel_request_refused_when,
        DROP CONSTRAINT panel_request_refused_once_taken,
        DROP COLUMN delivered_at,
        DROP COLUMN refused_at,
        DROP COLUMN refusal`);
  }
}
