import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * calendar-sync's tables:
 * - `oauth_state`: a consent in progress — the SHA-256 of its single-use `state`, bound to the user who
 *   asked and the calendar they connect; used once, within 10 minutes.
 * - `calendar_connection`: a Google calendar holding the club's or a member's bookings. The OAuth tokens
 *   are one AES-256-GCM ciphertext bound to the connection (`key_id` names the TOKEN_KEYS key). At most
 *   one live (active or broken) connection per club, and per member.
 * - `booking`: the bookings as access-gateway announced them (highest version kept).
 * - `event_link`: a booking's event in a connection's calendar; `due_at` set = not yet as the booking is.
 */
export class CreateCalendarSync1765600000000 implements MigrationInterface {
  readonly name = 'CreateCalendarSync1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oauth_state (
        state_hash   bytea PRIMARY KEY CHECK (octet_length(state_hash) = 32),
        tenant_id    text NOT NULL,
        scope        text NOT NULL CHECK (scope IN ('member', 'club')),
        member_id    text,
        requested_by text NOT NULL,
        expires_at   timestamptz NOT NULL,
        used_at      timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX oauth_state_expiry ON oauth_state (expires_at)');
    await q.query(`
      CREATE TABLE calendar_connection (
        id                  uuid PRIMARY KEY,
        tenant_id           text NOT NULL,
        scope               text NOT NULL CHECK (scope IN ('member', 'club')),
        member_id           text,
        status              text NOT NULL CHECK (status IN ('active', 'broken', 'disconnected')),
        broken_reason       text,
        account_email       text,
        calendar_id         text NOT NULL,
        key_id              text,
        iv                  bytea CHECK (octet_length(iv) = 12),
        ciphertext          bytea,
        auth_tag            bytea CHECK (octet_length(auth_tag) = 16),
        sync_token          text,
        last_synced_at      timestamptz,
        pull_due_at         timestamptz,
        channel_id          uuid UNIQUE,
        channel_resource_id text,
        channel_token_hash  bytea,
        channel_expires_at  timestamptz,
        paused_until        timestamptz,
        created_by          text NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope = 'member') = (member_id IS NOT NULL)),
        CHECK (status = 'disconnected' OR ciphertext IS NOT NULL)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX calendar_connection_live ON calendar_connection (tenant_id, scope, coalesce(member_id, ''))
      WHERE status <> 'disconnected'`);
    await q.query(
      'CREATE INDEX calendar_connection_pull ON calendar_connection (pull_due_at) WHERE pull_due_at IS NOT NULL',
    );
    await q.query(`
      CREATE TABLE booking (
        tenant_id    text NOT NULL,
        booking_id   uuid NOT NULL,
        court_id     text NOT NULL,
        court_name   text NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('member', 'block')),
        member_id    text,
        block_reason text,
        starts_at    timestamptz NOT NULL,
        ends_at      timestamptz NOT NULL,
        time_zone    text NOT NULL,
        version      integer NOT NULL,
        cancelled    boolean NOT NULL,
        PRIMARY KEY (tenant_id, booking_id)
      )`);
    await q.query('CREATE INDEX booking_member ON booking (tenant_id, member_id, ends_at)');
    await q.query('CREATE INDEX booking_ends ON booking (tenant_id, ends_at)');
    await q.query(`
      CREATE TABLE event_link (
        connection_id   uuid NOT NULL REFERENCES calendar_connection (id) ON DELETE CASCADE,
        booking_id      uuid NOT NULL,
        tenant_id       text NOT NULL,
        event_id        text NOT NULL,
        written_version integer NOT NULL DEFAULT 0,
        due_at          timestamptz,
        attempts        integer NOT NULL DEFAULT 0,
        last_error      text,
        PRIMARY KEY (connection_id, booking_id),
        UNIQUE (connection_id, event_id),
        FOREIGN KEY (tenant_id, booking_id) REFERENCES booking (tenant_id, booking_id)
      )`);
    await q.query('CREATE INDEX event_link_due ON event_link (due_at) WHERE due_at IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE event_link');
    await q.query('DROP TABLE booking');
    await q.query('DROP TABLE calendar_connection');
    await q.query('DROP TABLE oauth_state');
  }
}
