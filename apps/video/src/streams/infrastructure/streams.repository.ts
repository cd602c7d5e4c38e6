import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isoUtc, type Transaction } from '@sportclub/service-kit';
import type { LiveStream } from '../domain/court-streams';
import type {
  ClaimedCourt,
  CourtState,
  SessionFact,
  StreamsRepositoryPort,
} from '../application/ports/streams.repository.port';

interface StreamRow {
  stream_id: string;
  tenant_id: string;
  court_id: string;
  camera_id: string;
  session_id: string;
  status: LiveStream['status'];
  vendor_stream_id: string | null;
  playback_id: string | null;
  active_at: string | null;
  created_at: string;
  completed_at: string | null;
}

const STREAM_COLUMNS = `stream_id, tenant_id, court_id, camera_id, session_id, status, vendor_stream_id, playback_id,
  ${isoUtc('active_at')} AS active_at, ${isoUtc('created_at')} AS created_at, ${isoUtc('completed_at')} AS completed_at`;

const toStream = (r: StreamRow): LiveStream => ({
  streamId: r.stream_id,
  tenantId: r.tenant_id,
  courtId: r.court_id,
  cameraId: r.camera_id,
  sessionId: r.session_id,
  status: r.status,
  ...(r.vendor_stream_id && { vendorStreamId: r.vendor_stream_id }),
  ...(r.playback_id && { playbackId: r.playback_id }),
  ...(r.active_at && { activeAt: r.active_at }),
  createdAt: r.created_at,
  ...(r.completed_at && { completedAt: r.completed_at }),
});

/** video's streams in PostgreSQL (the SQL of the streams context). */
@Injectable()
export class StreamsRepository implements StreamsRepositoryPort {
  constructor(private readonly db: DataSource) {}

  async recordSession(tx: Transaction, f: SessionFact): Promise<void> {
    // Either event may come first, or twice: the start and end instants are each kept once set.
    await tx.query(
      `INSERT INTO court_session (tenant_id, session_id, court_id, member_id, started_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, session_id) DO UPDATE
         SET started_at = coalesce(court_session.started_at, EXCLUDED.started_at),
             ended_at = coalesce(court_session.ended_at, EXCLUDED.ended_at)`,
      [f.tenantId, f.sessionId, f.courtId, f.memberId, f.startedAt ?? null, f.endedAt ?? null],
    );
    await tx.query(
      `INSERT INTO court_work (tenant_id, court_id, due_at) VALUES ($1, $2, now())
       ON CONFLICT (tenant_id, court_id) DO UPDATE
         SET due_at = now(), attempts = 0, version = court_work.version + 1`,
      [f.tenantId, f.courtId],
    );
  }

  claimCourts(limit: number, leaseMs: number): Promise<ClaimedCourt[]> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<
        { tenant_id: string; court_id: string; attempts: number; version: string }[]
      >(
        `WITH due AS (
           SELECT tenant_id, court_id FROM court_work WHERE due_at <= now()
           ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE court_work w SET due_at = now() + make_interval(secs => $2 / 1000.0)
           FROM due d WHERE w.tenant_id = d.tenant_id AND w.court_id = d.court_id
           RETURNING w.tenant_id, w.court_id, w.attempts, w.version
         )
         -- A SELECT, so the driver answers rows (an UPDATE's answer is rows and a count).
         SELECT * FROM claimed`,
        [limit, leaseMs],
      );
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        courtId: r.court_id,
        attempts: r.attempts,
        version: r.version,
      }));
    });
  }

  async courtState(tx: Transaction, tenantId: string, courtId: string): Promise<CourtState> {
    const [open] = await tx.query<{ session_id: string }[]>(
      `SELECT session_id FROM court_session
       WHERE tenant_id = $1 AND court_id = $2 AND ended_at IS NULL AND started_at IS NOT NULL
       ORDER BY started_at DESC LIMIT 1`,
      [tenantId, courtId],
    );
    const streams = await tx.query<StreamRow[]>(
      `SELECT ${STREAM_COLUMNS} FROM live_stream
       WHERE tenant_id = $1 AND court_id = $2 AND status <> 'completed' ORDER BY camera_id`,
      [tenantId, courtId],
    );
    return { ...(open && { openSessionId: open.session_id }), streams: streams.map(toStream) };
  }

  async insertCreating(tx: Transaction, s: LiveStream): Promise<void> {
    await tx.query(
      `INSERT INTO live_stream (stream_id, tenant_id, court_id, camera_id, session_id, status)
       VALUES ($1, $2, $3, $4, $5, 'creating')`,
      [s.streamId, s.tenantId, s.courtId, s.cameraId, s.sessionId],
    );
  }

  async markOpen(
    tx: Transaction,
    streamId: string,
    vendorStreamId: string,
    playbackId: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE live_stream SET status = 'open', vendor_stream_id = $2, playback_id = $3 WHERE stream_id = $1`,
      [streamId, vendorStreamId, playbackId],
    );
  }

  async markCompleted(tx: Transaction, streamId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE live_stream SET status = 'completed', completed_at = $2 WHERE stream_id = $1`, [
      streamId,
      at,
    ]);
  }

  async recordRecording(
    tx: Transaction,
    vendorStreamId: string,
    assetId: string,
    startedAt: string,
  ): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `WITH u AS (UPDATE live_stream SET recording_asset_id = $2, active_at = $3
                  WHERE vendor_stream_id = $1 RETURNING 1) SELECT * FROM u`,
      [vendorStreamId, assetId, startedAt],
    );
    return rows.length > 0;
  }

  async settle(
    tx: Transaction,
    court: ClaimedCourt,
    outcome: { retryInMs: number; error: string } | 'done',
  ): Promise<void> {
    // A session that changed during the pass (version bumped) left the court due: it stays so.
    const done = outcome === 'done';
    await tx.query(
      `UPDATE court_work
       SET due_at = CASE WHEN $4::boolean THEN NULL ELSE now() + make_interval(secs => $5 / 1000.0) END,
           attempts = CASE WHEN $4::boolean THEN 0 ELSE attempts + 1 END,
           last_error = $6
       WHERE tenant_id = $1 AND court_id = $2 AND version = $3`,
      [
        court.tenantId,
        court.courtId,
        court.version,
        done,
        done ? 0 : outcome.retryInMs,
        done ? null : outcome.error.slice(0, 1000),
      ],
    );
  }
}
