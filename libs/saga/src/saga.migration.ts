import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saga state in the orchestrator's own database. The semantic lock is a partial unique index, so two
 * replicas starting a saga for the same key cannot both win; `version` gives optimistic concurrency;
 * `saga_command` records every command a transition sent (one per transition at most, by its primary key)
 * and `saga_reply` the replies applied, so a redelivered reply never transitions twice.
 */
export class CreateSagas1764400000100 implements MigrationInterface {
  readonly name = 'CreateSagas1764400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE saga_instance (
        id                    uuid PRIMARY KEY,
        saga_type             text NOT NULL,
        tenant_id             text NOT NULL,
        lock_key              text NOT NULL,
        correlation_id        text NOT NULL,
        state                 text NOT NULL CHECK (state IN
                                ('RUNNING', 'COMPENSATING', 'COMPLETED', 'REJECTED', 'FAILED', 'NEEDS_ATTENTION')),
        step                  text,
        data                  jsonb NOT NULL,
        completed_steps       text[] NOT NULL DEFAULT '{}',
        compensation_queue    text[] NOT NULL DEFAULT '{}',
        compensation_attempts integer NOT NULL DEFAULT 0,
        awaiting_command_id   uuid,
        deadline_at           timestamptz,
        last_reason           text,
        version               integer NOT NULL,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE UNIQUE INDEX saga_instance_active_lock ON saga_instance (saga_type, tenant_id, lock_key)
        WHERE state IN ('RUNNING', 'COMPENSATING')`);
    await q.query(`CREATE UNIQUE INDEX saga_instance_awaiting ON saga_instance (awaiting_command_id)`);
    await q.query(`
      CREATE INDEX saga_instance_due ON saga_instance (deadline_at)
        WHERE state IN ('RUNNING', 'COMPENSATING') AND deadline_at IS NOT NULL`);
    await q.query(`CREATE INDEX saga_instance_by_tenant ON saga_instance (tenant_id, created_at, id)`);
    await q.query(`
      CREATE TABLE saga_command (
        command_id  uuid PRIMARY KEY,
        saga_id     uuid NOT NULL REFERENCES saga_instance (id) ON DELETE CASCADE,
        version     integer NOT NULL,
        step        text NOT NULL,
        role        text NOT NULL CHECK (role IN ('step', 'compensation')),
        attempt     integer NOT NULL,
        type        text NOT NULL,
        sent_at     timestamptz NOT NULL DEFAULT now(),
        UNIQUE (saga_id, version)
      )`);
    await q.query(`
      CREATE TABLE saga_reply (
        message_id  uuid PRIMARY KEY,
        saga_id     uuid NOT NULL REFERENCES saga_instance (id) ON DELETE CASCADE,
        command_id  uuid NOT NULL,
        version     integer NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX saga_reply_saga ON saga_reply (saga_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saga_reply`);
    await q.query(`DROP TABLE saga_command`);
    await q.query(`DROP TABLE saga_instance`);
  }
}
