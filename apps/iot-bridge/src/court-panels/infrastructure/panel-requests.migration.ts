import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per request a court panel made, keyed by the panel's own request id: a repeated request
 * (QoS 1 redelivery, the panel retrying) finds its row and publishes nothing new. The outcome says
 * whether the bridge took it or refused it (outside the acceptance window).
 */
export class CreatePanelRequests1764600000300 implements MigrationInterface {
  readonly name = 'CreatePanelRequests1764600000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE panel_request (
        panel_id     text NOT NULL,
        request_id   text NOT NULL,
        tenant_id    text NOT NULL,
        court_id     text NOT NULL,
        action       text NOT NULL CHECK (action IN ('checkin', 'checkout', 'button')),
        member_id    text,
        requested_at timestamptz NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        outcome      text NOT NULL
                     CHECK (outcome IN ('accepted', 'device-request-expired', 'device-clock-ahead')),
        PRIMARY KEY (panel_id, request_id),
        CHECK ((action = 'button') = (member_id IS NULL))
      )`);
    await q.query('CREATE INDEX panel_request_received ON panel_request (received_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE panel_request');
  }
}
