import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * notifications' tables. Every row carries its club (`tenant_id`) and every key starts with it.
 * - `member_preferences`: contacts, channel order, locale, quiet hours — personal data, erasable.
 * - `consent_record`: LGPD's proof of consent, append-only: the latest row per channel is the state.
 * - `push_device`: FCM registration tokens; removed when FCM reports them unregistered.
 * - `template`: a club's own words per kind and locale, versioned (the highest version is in use).
 * - `delivery` / `delivery_attempt`: one thing a member is told, its plan and each try. `source_id`
 *   (the event or announcement it answers) makes a redelivered event tell the member once.
 * - `session_receipt`: a session's end and its settlement meet here (they arrive on two topics, in
 *   either order) before the receipt is sent.
 * - `early_status`: a provider's status for a message whose acceptance is not recorded yet (a callback
 *   that outran the send's own transaction); applied when the acceptance is recorded.
 * - `announcement`: a message to a segment of consenting members, planned a batch at a time from
 *   `cursor` (the last member id planned), so a restart resumes where it stopped.
 * - `provider_webhook`: every verified webhook item as received (raw body kept for audit), once per
 *   provider id; processed asynchronously.
 */
export class CreateNotifications1765100000000 implements MigrationInterface {
  readonly name = 'CreateNotifications1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE member_preferences (
        tenant_id   text NOT NULL,
        member_id   text NOT NULL,
        phone       text,
        email       text,
        channels    text[] NOT NULL,
        locale      text NOT NULL,
        time_zone   text NOT NULL,
        quiet_start text,
        quiet_end   text,
        -- WhatsApp's customer-service window: free-form messages until then (the member wrote last).
        whatsapp_window_until timestamptz,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, member_id),
        CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
      )`);
    await q.query(`
      CREATE TABLE consent_record (
        id          bigserial PRIMARY KEY,
        tenant_id   text NOT NULL,
        member_id   text NOT NULL,
        channel     text NOT NULL CHECK (channel IN ('whatsapp', 'push', 'email', 'sms')),
        granted     boolean NOT NULL,
        source      text NOT NULL CHECK (source IN ('app', 'whatsapp-reply', 'staff')),
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(
      'CREATE INDEX consent_record_member ON consent_record (tenant_id, member_id, channel, id DESC)',
    );
    await q.query(`
      CREATE TABLE push_device (
        tenant_id     text NOT NULL,
        token         text NOT NULL,
        member_id     text NOT NULL,
        registered_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, token)
      )`);
    await q.query('CREATE INDEX push_device_member ON push_device (tenant_id, member_id)');
    await q.query(`
      CREATE TABLE template (
        tenant_id           text NOT NULL,
        kind                text NOT NULL,
        locale              text NOT NULL,
        version             integer NOT NULL CHECK (version >= 1),
        title               text NOT NULL,
        body                text NOT NULL,
        whatsapp_name       text,
        whatsapp_parameters text[],
        saved_by            text NOT NULL,
        saved_at            timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, kind, locale, version)
      )`);
    await q.query(`
      CREATE TABLE delivery (
        delivery_id uuid PRIMARY KEY,
        tenant_id   text NOT NULL,
        member_id   text NOT NULL,
        source_id   text NOT NULL,
        kind        text NOT NULL,
        status      text NOT NULL CHECK (status IN ('pending', 'sent', 'delivered', 'read', 'failed')),
        routes      jsonb NOT NULL,
        current     integer NOT NULL DEFAULT 0,
        attempts    integer NOT NULL DEFAULT 0,
        variables   jsonb NOT NULL,
        reason      text,
        -- Held for the member's quiet hours: its send is written once this time has come.
        held_until  timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, source_id, member_id)
      )`);
    await q.query('CREATE INDEX delivery_held ON delivery (held_until) WHERE held_until IS NOT NULL');
    await q.query('CREATE INDEX delivery_club ON delivery (tenant_id, created_at DESC)');
    await q.query('CREATE INDEX delivery_member ON delivery (tenant_id, member_id, created_at DESC)');
    await q.query(`
      CREATE TABLE delivery_attempt (
        attempt_id          uuid PRIMARY KEY,
        delivery_id         uuid NOT NULL REFERENCES delivery ON DELETE CASCADE,
        route_index         integer NOT NULL,
        channel             text NOT NULL,
        provider            text NOT NULL,
        status              text NOT NULL CHECK (status IN ('calling', 'accepted', 'failed')),
        provider_message_id text,
        error               text,
        started_at          timestamptz NOT NULL DEFAULT now(),
        -- A run that takes over an orphaned attempt claims it first (compare-and-set on claims).
        claims              integer NOT NULL DEFAULT 0,
        claimed_at          timestamptz,
        finished_at         timestamptz,
        UNIQUE (delivery_id, route_index)
      )`);
    await q.query(`CREATE UNIQUE INDEX delivery_attempt_provider_message ON delivery_attempt (provider, provider_message_id)
                   WHERE provider_message_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE session_receipt (
        tenant_id            text NOT NULL,
        session_id           text NOT NULL,
        member_id            text NOT NULL,
        court_id             text,
        court_name           text,
        started_at           timestamptz,
        ended_at             timestamptz,
        consumption_centavos bigint,
        charged_centavos     bigint,
        unpaid_centavos      bigint,
        sent                 boolean NOT NULL DEFAULT false,
        PRIMARY KEY (tenant_id, session_id)
      )`);
    await q.query(`
      CREATE TABLE early_status (
        provider            text NOT NULL,
        provider_message_id text NOT NULL,
        status              text NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
        reason              text,
        received_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, provider_message_id, status)
      )`);
    await q.query(`
      CREATE TABLE announcement (
        announcement_id uuid PRIMARY KEY,
        tenant_id       text NOT NULL,
        title           text NOT NULL,
        text            text NOT NULL,
        member_ids      text[],
        requested_by    text NOT NULL,
        status          text NOT NULL CHECK (status IN ('planning', 'planned')),
        total           integer NOT NULL,
        planned         integer NOT NULL DEFAULT 0,
        cursor          text NOT NULL DEFAULT '',
        next_batch_at   timestamptz NOT NULL DEFAULT now(),
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX announcement_club ON announcement (tenant_id, created_at DESC)');
    await q.query(`
      CREATE TABLE provider_webhook (
        provider     text NOT NULL,
        event_id     text NOT NULL,
        tenant_id    text NOT NULL,
        item         jsonb NOT NULL,
        raw_body     text NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        PRIMARY KEY (provider, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DROP TABLE early_status, announcement, provider_webhook, session_receipt, delivery_attempt, delivery, template, push_device, consent_record, member_preferences',
    );
  }
}
