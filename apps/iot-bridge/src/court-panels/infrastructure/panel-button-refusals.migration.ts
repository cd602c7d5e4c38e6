import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * video refuses a button press the bridge took when nothing records on the court
 * (`video.highlight.refused.v1`, `no-recording`): a `button` request may now keep that refusal, and
 * only that one, while check-ins and check-outs keep only the gateway's codes. A refusal is still
 * kept once, on a request the bridge took, and told to the panel once.
 */
export class RecordPanelButtonRefusals1764600000700 implements MigrationInterface {
  readonly name = 'RecordPanelButtonRefusals1764600000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE panel_request
        DROP CONSTRAINT panel_request_refusal_check,
        DROP CONSTRAINT panel_request_refused_once_taken,
        ADD CONSTRAINT panel_request_refusal_check
          CHECK (refusal IN ('not-a-member', 'member-suspended', 'unknown-court', 'check-in-in-progress',
                             'already-on-court', 'no-open-session', 'no-recording')),
        ADD CONSTRAINT panel_request_refused_once_taken
          CHECK (refusal IS NULL OR (outcome = 'accepted' AND (action = 'button') = (refusal = 'no-recording')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE panel_request SET refusal = NULL, refused_at = NULL, delivered_at = NULL
       WHERE refusal = 'no-recording'`);
    await q.query(`
      ALTER TABLE panel_request
        DROP CONSTRAINT panel_request_refusal_check,
        DROP CONSTRAINT panel_request_refused_once_taken,
        ADD CONSTRAINT panel_request_refusal_check
          CHECK (refusal IN ('not-a-member', 'member-suspended', 'unknown-court', 'check-in-in-progress',
                             'already-on-court', 'no-open-session')),
        ADD CONSTRAINT panel_request_refused_once_taken
          CHECK (refusal IS NULL OR (outcome = 'accepted' AND action <> 'button'))`);
  }
}
