import { Injectable } from '@nestjs/common';
import { isoUtc, type Sealed, type Transaction } from '@sportclub/service-kit';
import type {
  HighlightView,
  HighlightsQuery,
  PlaybackRepositoryPort,
} from '../application/ports/playback.repository.port';

interface Row {
  highlight_id: string;
  court_id: string;
  camera_id: string;
  pressed_at: string;
  status: string;
  duration_seconds: string | null;
  member_ids: string[];
  playback_id: string | null;
  error: string | null;
  created_at: string;
}

const COLUMNS = `highlight_id, court_id, camera_id, ${isoUtc('pressed_at')} AS pressed_at, status, duration_seconds,
  member_ids, playback_id, error, ${isoUtc('created_at')} AS created_at`;

const toView = (r: Row): HighlightView => ({
  highlightId: r.highlight_id,
  courtId: r.court_id,
  cameraId: r.camera_id,
  pressedAt: r.pressed_at,
  // Viewers see a clip being asked for and being cut alike.
  status: r.status === 'requesting' ? 'requested' : (r.status as HighlightView['status']),
  ...(r.duration_seconds !== null && { durationSeconds: Number(r.duration_seconds) }),
  memberIds: r.member_ids,
  ...(r.playback_id && { playbackId: r.playback_id }),
  ...(r.error && { reason: r.error.slice(0, 500) }),
  createdAt: r.created_at,
});

/** What viewers read of video's highlights, and the clubs' signing keys, in PostgreSQL. */
@Injectable()
export class PlaybackRepository implements PlaybackRepositoryPort {
  async highlight(
    tx: Transaction,
    tenantId: string,
    highlightId: string,
  ): Promise<HighlightView | undefined> {
    const [row] = await tx.query<Row[]>(
      `SELECT ${COLUMNS} FROM highlight
       WHERE tenant_id = $1 AND highlight_id = $2 AND delete_requested_at IS NULL`,
      [tenantId, highlightId],
    );
    return row && toView(row);
  }

  async highlights(tx: Transaction, tenantId: string, q: HighlightsQuery): Promise<HighlightView[]> {
    const rows = await tx.query<Row[]>(
      `SELECT ${COLUMNS} FROM highlight
       WHERE tenant_id = $1 AND delete_requested_at IS NULL AND ($2::text IS NULL OR $2 = ANY(member_ids)) AND ($3::text IS NULL OR court_id = $3)
       ORDER BY pressed_at DESC, highlight_id LIMIT $4`,
      [tenantId, q.memberId ?? null, q.courtId ?? null, q.limit],
    );
    return rows.map(toView);
  }

  async signingKey(
    tx: Transaction,
    tenantId: string,
  ): Promise<{ keyId: string; sealed: Sealed } | undefined> {
    const [row] = await tx.query<
      { key_id: string; seal_key_id: string; iv: Buffer; ciphertext: Buffer; tag: Buffer }[]
    >('SELECT key_id, seal_key_id, iv, ciphertext, tag FROM club_signing_key WHERE tenant_id = $1', [
      tenantId,
    ]);
    return (
      row && {
        keyId: row.key_id,
        sealed: { keyId: row.seal_key_id, iv: row.iv, ciphertext: row.ciphertext, tag: row.tag },
      }
    );
  }

  async insertSigningKey(tx: Transaction, tenantId: string, keyId: string, sealed: Sealed): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO club_signing_key (tenant_id, key_id, seal_key_id, iv, ciphertext, tag)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id) DO NOTHING RETURNING tenant_id`,
      [tenantId, keyId, sealed.keyId, sealed.iv, sealed.ciphertext, sealed.tag],
    );
    return rows.length > 0;
  }
}
