import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * iCalendar feeds of bookings (decision 0017): a member's own, or the club's. Only the SHA-256 of a
 * feed's token is kept (unique: the public feed route looks a feed up by it, without knowing the club);
 * a revoked feed keeps its row, so the club can see what was handed out and when it was withdrawn.
 */
export class CreateBookingFeeds1764800000300 implements MigrationInterface {
  readonly name = 'CreateBookingFeeds1764800000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE booking_feed (
        id          uuid PRIMARY KEY,
        tenant_id   text NOT NULL,
        scope       text NOT NULL CHECK (scope IN ('member', 'club')),
        member_id   text,
        token_hash  bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz,
        -- A member's feed names the member; the club's feed names none.
        CHECK ((scope = 'member') = (member_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX booking_feed_tenant ON booking_feed (tenant_id, member_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE booking_feed');
  }
}
