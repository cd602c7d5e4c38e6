import type { EntityManager } from 'typeorm';
import type { PlannedCommand, Transition } from './saga.transitions';
import { ACTIVE_STATES, type SagaState, type SagaView } from './saga.state';

/**
 * Every SQL statement the engine runs against its three tables, always through the caller's
 * EntityManager so it joins the transition's transaction. Deadlines are computed with the database clock
 * (`now()`), so replicas with skewed clocks agree on what is due.
 */

export interface StoredSaga<Data = unknown> extends SagaView<Data> {
  completedSteps: string[];
  compensationQueue: string[];
  awaitingCommandId: string | null;
}

export interface NewSaga {
  id: string;
  type: string;
  tenantId: string;
  lockKey: string;
  correlationId: string;
}

export interface SagaListQuery {
  tenantId: string;
  state?: SagaState;
  type?: string;
  /** Page size, 1..500 (default 50). */
  limit?: number;
  /** The last id of the previous page. */
  after?: string;
}

interface SagaRow {
  id: string;
  saga_type: string;
  tenant_id: string;
  lock_key: string;
  correlation_id: string;
  state: SagaState;
  step: string | null;
  data: unknown;
  completed_steps: string[];
  compensation_queue: string[];
  compensation_attempts: number;
  awaiting_command_id: string | null;
  deadline_at: Date | null;
  last_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string | undefined | null): value is string => !!value && UUID.test(value);

const ACTIVE = `('${ACTIVE_STATES.join("', '")}')`;

// Parameters shared by insert and update: $3.. in the order of `transitionParams`.
const DEADLINE = (keep: string, ms: string) =>
  `CASE WHEN ${keep}::boolean THEN deadline_at WHEN ${ms}::bigint IS NULL THEN NULL
        ELSE now() + ${ms}::bigint * interval '1 millisecond' END`;

export class SagaRepository {
  async findById(m: EntityManager, id: string): Promise<StoredSaga | null> {
    if (!isUuid(id)) return null;
    return one(await m.query(`SELECT * FROM saga_instance WHERE id = $1`, [id]));
  }

  async findForTenant(m: EntityManager, id: string, tenantId: string): Promise<StoredSaga | null> {
    if (!isUuid(id)) return null;
    return one(await m.query(`SELECT * FROM saga_instance WHERE id = $1 AND tenant_id = $2`, [id, tenantId]));
  }

  /** The saga awaiting a command, and whether this reply was applied to it already (a `stay` keeps it). */
  async findAwaiting(
    m: EntityManager,
    commandId: string,
    replyId: string,
  ): Promise<{ saga: StoredSaga; replyApplied: boolean } | null> {
    const rows: (SagaRow & { reply_applied: boolean })[] = await m.query(
      `SELECT s.*, EXISTS (SELECT 1 FROM saga_reply WHERE message_id = $2) AS reply_applied
         FROM saga_instance s WHERE s.awaiting_command_id = $1`,
      [commandId, replyId],
    );
    return rows.length > 0 ? { saga: toSaga(rows[0]), replyApplied: rows[0].reply_applied } : null;
  }

  /** For a reply nobody awaits: which saga sent its command (if any), and whether it was applied. */
  async replyFate(
    m: EntityManager,
    commandId: string,
    replyId: string,
  ): Promise<{ sender: string | null; applied: boolean }> {
    const [row]: { sender: string | null; applied: boolean }[] = await m.query(
      `SELECT (SELECT saga_id FROM saga_command WHERE command_id = $1) AS sender,
              EXISTS (SELECT 1 FROM saga_reply WHERE message_id = $2) AS applied`,
      [commandId, replyId],
    );
    return row;
  }

  async activeHolder(
    m: EntityManager,
    type: string,
    tenantId: string,
    lockKey: string,
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM saga_instance WHERE saga_type = $1 AND tenant_id = $2 AND lock_key = $3 AND state IN ${ACTIVE}`,
      [type, tenantId, lockKey],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Null when the id or the lock key is taken (the caller finds out which). Records the command the
   * first step sends in the same statement.
   */
  async insert(
    m: EntityManager,
    saga: NewSaga,
    t: Transition<unknown>,
    command: SentCommand | null,
  ): Promise<StoredSaga | null> {
    const rows: SagaRow[] = await m.query(
      `WITH saga AS (
         INSERT INTO saga_instance (id, saga_type, tenant_id, lock_key, correlation_id, state, step, data,
           completed_steps, compensation_queue, compensation_attempts, last_reason, awaiting_command_id,
           deadline_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::text[], $10::text[], $11, $12, $13::uuid,
           CASE WHEN $14::bigint IS NULL THEN NULL ELSE now() + $14::bigint * interval '1 millisecond' END, 1)
         ON CONFLICT DO NOTHING
         RETURNING *),
       ${RECORD_COMMAND(13, 15)}
       SELECT * FROM saga`,
      [
        saga.id,
        saga.type,
        saga.tenantId,
        saga.lockKey,
        saga.correlationId,
        ...transitionParams(t),
        command?.id ?? null,
        t.deadline === 'keep' ? null : t.deadline,
        ...commandParams(command),
      ],
    );
    return one(rows);
  }

  /**
   * Compare-and-set on `version`; null when another transition got there first. In the same statement it
   * records the command the transition sends and the reply that caused it, if any.
   */
  async update(
    m: EntityManager,
    current: { id: string; version: number },
    t: Transition<unknown>,
    command: SentCommand | null,
    reply?: { messageId: string; commandId: string },
  ): Promise<StoredSaga | null> {
    const rows: SagaRow[] = await m.query(
      `WITH saga AS (
         UPDATE saga_instance SET
           state = $3, step = $4, data = $5::jsonb, completed_steps = $6::text[], compensation_queue = $7::text[],
           compensation_attempts = $8, last_reason = $9,
           awaiting_command_id = CASE WHEN $10::boolean THEN awaiting_command_id ELSE $11::uuid END,
           deadline_at = ${DEADLINE('$12', '$13')},
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2
         RETURNING *),
       ${RECORD_COMMAND(11, 14)},
       reply AS (
         INSERT INTO saga_reply (message_id, saga_id, command_id, version)
         SELECT $18::uuid, id, $19::uuid, version FROM saga WHERE $18::uuid IS NOT NULL)
       SELECT * FROM saga`,
      [
        current.id,
        current.version,
        ...transitionParams(t),
        t.awaiting === 'keep',
        command?.id ?? null,
        t.deadline === 'keep',
        t.deadline === 'keep' ? null : t.deadline,
        ...commandParams(command),
        reply?.messageId ?? null,
        reply?.commandId ?? null,
      ],
    );
    return one(rows);
  }

  /** Expired active sagas of the given types, row-locked; replicas skip each other's rows. */
  async lockDue(m: EntityManager, types: string[], limit: number): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM saga_instance
       WHERE state IN ${ACTIVE} AND deadline_at <= now() AND saga_type = ANY($1::text[])
       ORDER BY deadline_at
       LIMIT $2
       FOR UPDATE SKIP LOCKED`,
      [types, limit],
    );
    return rows.map((r) => r.id);
  }

  /** A timeout transition that threw is tried again later instead of blocking the batch each poll. */
  async postponeDeadline(m: EntityManager, id: string, delayMs: number, reason: string): Promise<void> {
    await m.query(
      `UPDATE saga_instance SET deadline_at = now() + $2::bigint * interval '1 millisecond', last_reason = $3
       WHERE id = $1`,
      [id, delayMs, reason.slice(0, 1000)],
    );
  }

  async list(m: EntityManager, query: SagaListQuery): Promise<StoredSaga[]> {
    if (query.after !== undefined && !isUuid(query.after)) return [];
    const rows: SagaRow[] = await m.query(
      `SELECT * FROM saga_instance s
       WHERE s.tenant_id = $1
         AND ($2::text IS NULL OR s.state = $2)
         AND ($3::text IS NULL OR s.saga_type = $3)
         AND ($4::uuid IS NULL OR (s.created_at, s.id) >
               (SELECT created_at, id FROM saga_instance WHERE id = $4 AND tenant_id = $1))
       ORDER BY s.created_at, s.id
       LIMIT $5`,
      [query.tenantId, query.state ?? null, query.type ?? null, query.after ?? null, query.limit ?? 50],
    );
    return rows.map(toSaga);
  }
}

/** A command a transition sends, recorded so that its replies find their saga. */
export interface SentCommand {
  id: string;
  planned: PlannedCommand;
}

/**
 * CTE recording the sent command of the row `saga`: its id is parameter `id`, its step, role, attempt
 * and type the four parameters from `first` on (`commandParams`).
 */
const RECORD_COMMAND = (id: number, first: number) => `command AS (
         INSERT INTO saga_command (command_id, saga_id, version, step, role, attempt, type)
         SELECT $${id}::uuid, id, version, $${first}::text, $${first + 1}::text, $${first + 2}::integer, $${first + 3}::text
           FROM saga WHERE $${id}::uuid IS NOT NULL)`;

function commandParams(command: SentCommand | null): unknown[] {
  const p = command?.planned;
  return [p?.step ?? null, p?.role ?? null, p?.attempt ?? null, p?.type ?? null];
}

function transitionParams(t: Transition<unknown>): unknown[] {
  return [
    t.state,
    t.step,
    JSON.stringify(t.data ?? null),
    t.completedSteps,
    t.compensationQueue,
    t.compensationAttempts,
    t.reason,
  ];
}

function one(rows: SagaRow[]): StoredSaga | null {
  return rows.length > 0 ? toSaga(rows[0]) : null;
}

function toSaga(r: SagaRow): StoredSaga {
  return {
    id: r.id,
    type: r.saga_type,
    tenantId: r.tenant_id,
    lockKey: r.lock_key,
    correlationId: r.correlation_id,
    state: r.state,
    step: r.step,
    data: r.data,
    reason: r.last_reason,
    version: r.version,
    deadlineAt: r.deadline_at,
    compensationAttempts: r.compensation_attempts,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    completedSteps: r.completed_steps,
    compensationQueue: r.compensation_queue,
    awaitingCommandId: r.awaiting_command_id,
  };
}

/** The public view: internal bookkeeping stays inside the engine. */
export function toView<Data>(saga: StoredSaga): SagaView<Data> {
  const { completedSteps: _c, compensationQueue: _q, awaitingCommandId: _a, ...view } = saga;
  return view as SagaView<Data>;
}
