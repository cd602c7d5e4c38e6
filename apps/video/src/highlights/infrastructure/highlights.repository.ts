import { Injectable } from '@nestjs/common';
import { isoUtc, type Transaction } from '@sportclub/service-kit';
import type { Highlight } from '../domain/highlight';
import type {
  HighlightsRepositoryPort,
  RecordingStream,
} from '../application/ports/highlights.repository.port';

interface Row {
  highlight_id: string;
  tenant_id: string;
  court_id: string;
  stream_id: string;
  camera_id: string;
  source_asset_id: string;
  pressed_at: string;
  start_seconds: string;
  end_seconds: string;
  member_ids: string[];
  status: Highlight['status'];
  vendor_asset_id: string | null;
}

const COLUMNS = `highlight_id, tenant_id, court_id, stream_id, camera_id, source_asset_id, ${isoUtc('pressed_at')} AS pressed_at,
  start_seconds, end_seconds, member_ids, status, vendor_asset_id`;

const toHighlight = (r: Row): Highlight => ({
  highlightId: r.highlight_id,
  tenantId: r.tenant_id,
  courtId: r.court_id,
  streamId: r.stream_id,
  cameraId: r.camera_id,
  sourceAssetId: r.source_asset_id,
  pressedAt: r.pressed_at,
  startSeconds: Number(r.start_seconds),
  endSeconds: Number(r.end_seconds),
  memberIds: r.member_ids,
  status: r.status,
  ...(r.vendor_asset_id && { vendorAssetId: r.vendor_asset_id }),
});

/** video's highlights in PostgreSQL. Every UPDATE … RETURNING sits in a CTE: the driver then answers rows. */
@Injectable()
export class HighlightsRepository implements HighlightsRepositoryPort {
  async lockRecordingStreams(tx: Transaction, tenantId: string, courtId: string): Promise<RecordingStream[]> {
    const rows = await tx.query<
      { stream_id: string; camera_id: string; recording_asset_id: string; active_at: string }[]
    >(
      `SELECT stream_id, camera_id, recording_asset_id, ${isoUtc('active_at')} AS active_at FROM live_stream
       WHERE tenant_id = $1 AND court_id = $2 AND status = 'open' AND recording_asset_id IS NOT NULL
       ORDER BY camera_id FOR UPDATE`,
      [tenantId, courtId],
    );
    return rows.map((r) => ({
      streamId: r.stream_id,
      cameraId: r.camera_id,
      recordingAssetId: r.recording_asset_id,
      activeAt: r.active_at,
    }));
  }

  async nearestPress(tx: Transaction, streamId: string, at: Date): Promise<Date | undefined> {
    const [row] = await tx.query<{ pressed_at: Date }[]>(
      `SELECT pressed_at FROM highlight WHERE stream_id = $1
       ORDER BY abs(extract(epoch FROM pressed_at - $2::timestamptz)) LIMIT 1`,
      [streamId, at],
    );
    return row?.pressed_at;
  }

  async membersOnCourt(tx: Transaction, tenantId: string, courtId: string, at: Date): Promise<string[]> {
    const rows = await tx.query<{ member_id: string }[]>(
      `SELECT DISTINCT member_id FROM court_session
       WHERE tenant_id = $1 AND court_id = $2 AND started_at <= $3 AND (ended_at IS NULL OR ended_at >= $3)
       ORDER BY member_id LIMIT 50`,
      [tenantId, courtId, at],
    );
    return rows.map((r) => r.member_id);
  }

  async insert(
    tx: Transaction,
    h: Highlight,
    press: { pressId: string; deviceId: string },
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO highlight (highlight_id, tenant_id, court_id, stream_id, camera_id, source_asset_id, press_id,
         device_id, pressed_at, start_seconds, end_seconds, member_ids, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'requesting')
       ON CONFLICT (stream_id, device_id, press_id) DO NOTHING RETURNING highlight_id`,
      [
        h.highlightId,
        h.tenantId,
        h.courtId,
        h.streamId,
        h.cameraId,
        h.sourceAssetId,
        press.pressId,
        press.deviceId,
        h.pressedAt,
        h.startSeconds,
        h.endSeconds,
        h.memberIds,
      ],
    );
    return rows.length > 0;
  }

  async find(tx: Transaction, highlightId: string): Promise<Highlight | undefined> {
    const [row] = await tx.query<Row[]>(
      `SELECT ${COLUMNS} FROM highlight WHERE highlight_id = $1 AND delete_requested_at IS NULL`,
      [highlightId],
    );
    return row && toHighlight(row);
  }

  async beginClip(
    tx: Transaction,
    highlightId: string,
  ): Promise<(Highlight & { attempt: number }) | undefined> {
    // Kept by PostgreSQL once written even if this process dies; losing it to a PostgreSQL crash only
    // means a retry after that crash makes the clip again: not worth a WAL flush on every press.
    await tx.query('SET LOCAL synchronous_commit = off');
    const [row] = await tx.query<(Row & { clip_attempts: number })[]>(
      `WITH u AS (UPDATE highlight SET clip_attempts = clip_attempts + 1
                  WHERE highlight_id = $1 AND status = 'requesting' RETURNING *)
       SELECT ${COLUMNS}, clip_attempts FROM u`,
      [highlightId],
    );
    return row && { ...toHighlight(row), attempt: row.clip_attempts };
  }

  async markRequested(
    tx: Transaction,
    highlightId: string,
    vendorAssetId: string,
    checkAfterMs: number,
  ): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `WITH u AS (UPDATE highlight SET status = 'requested', vendor_asset_id = $2,
                    check_at = now() + make_interval(secs => $3 / 1000.0)
                  WHERE highlight_id = $1 AND status = 'requesting' RETURNING 1) SELECT * FROM u`,
      [highlightId, vendorAssetId, checkAfterMs],
    );
    return rows.length > 0;
  }

  async claimClipChecks(
    tx: Transaction,
    limit: number,
    checkAfterMs: number,
  ): Promise<(Highlight & { vendorAssetId: string; overdue: boolean })[]> {
    const rows = await tx.query<(Row & { overdue: boolean })[]>(
      `WITH due AS (
         SELECT highlight_id FROM highlight
         WHERE status = 'requested' AND check_at <= now() AND delete_requested_at IS NULL
         ORDER BY check_at LIMIT $1 FOR UPDATE SKIP LOCKED
       ), u AS (
         UPDATE highlight h SET check_at = now() + make_interval(secs => $2 / 1000.0)
         FROM due WHERE h.highlight_id = due.highlight_id RETURNING h.*
       )
       SELECT ${COLUMNS}, created_at < now() - interval '1 day' AS overdue FROM u`,
      [limit, checkAfterMs],
    );
    return rows.map((r) => ({ ...toHighlight(r), vendorAssetId: r.vendor_asset_id!, overdue: r.overdue }));
  }

  async markReady(
    tx: Transaction,
    vendorAssetId: string,
    ready: { playbackId: string; durationSeconds: number },
  ): Promise<Highlight | undefined> {
    const [row] = await tx.query<Row[]>(
      `WITH u AS (UPDATE highlight SET status = 'ready', playback_id = $2, duration_seconds = $3, ready_at = now()
                  WHERE vendor_asset_id = $1 AND status = 'requested' RETURNING *)
       SELECT ${COLUMNS} FROM u`,
      [vendorAssetId, ready.playbackId, ready.durationSeconds],
    );
    return row && toHighlight(row);
  }

  async markFailed(
    tx: Transaction,
    which: { highlightId?: string; vendorAssetId?: string },
    error: string,
  ): Promise<Highlight | undefined> {
    const [row] = await tx.query<Row[]>(
      `WITH u AS (UPDATE highlight SET status = 'failed', error = $3
                  WHERE (highlight_id = $1 OR vendor_asset_id = $2) AND status IN ('requesting', 'requested')
                  RETURNING *)
       SELECT ${COLUMNS} FROM u`,
      [which.highlightId ?? null, which.vendorAssetId ?? null, error.slice(0, 1000)],
    );
    return row && toHighlight(row);
  }
}
