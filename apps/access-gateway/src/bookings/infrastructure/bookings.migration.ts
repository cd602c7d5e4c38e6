import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Court bookings and the clubs' booking rules. No two booked slots of a court overlap: an exclusion
 * constraint on the half-open range `[starts_at, ends_at)` (GiST, with btree_gist for the equality
 * columns) decides it inside PostgreSQL, so concurrent requests cannot both win; cancelled rows are
 * outside the constraint and free their slot. btree_gist is a trusted extension (PostgreSQL 13+): the
 * database owner may create it.
 */
export class CreateBookings1764800000100 implements MigrationInterface {
  readonly name = 'CreateBookings1764800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await q.query(`
      CREATE TABLE court_booking (
        tenant_id     text NOT NULL,
        booking_id    uuid NOT NULL,
        court_id      text NOT NULL,
        member_id     text,
        block_reason  text,
        starts_at     timestamptz NOT NULL,
        ends_at       timestamptz NOT NULL,
        status        text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
        booked_by     text NOT NULL,
        cancelled_at  timestamptz,
        cancel_reason text,
        version       integer NOT NULL DEFAULT 1,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, booking_id),
        CHECK (ends_at > starts_at),
        -- A member's booking, or a staff block with its reason.
        CHECK ((member_id IS NULL) <> (block_reason IS NULL)),
        CONSTRAINT court_booking_no_overlap EXCLUDE USING gist (
          tenant_id WITH =,
          court_id WITH =,
          tstzrange(starts_at, ends_at, '[)') WITH &&
        ) WHERE (status = 'booked')
      )`);
    await q.query(
      `CREATE INDEX court_booking_member ON court_booking (tenant_id, member_id, starts_at) WHERE member_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE court_booking');
  }
}

/** A club's booking rules; a club without a row has the defaults (DEFAULT_BOOKING_POLICY). */
export class CreateBookingPolicies1764800000200 implements MigrationInterface {
  readonly name = 'CreateBookingPolicies1764800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE booking_policy (
        tenant_id      text PRIMARY KEY,
        time_zone      text NOT NULL,
        min_minutes    integer NOT NULL CHECK (min_minutes > 0),
        max_minutes    integer NOT NULL CHECK (max_minutes >= min_minutes),
        slot_minutes   integer CHECK (slot_minutes > 0),
        notice_minutes integer NOT NULL CHECK (notice_minutes >= 0),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE booking_policy');
  }
}
