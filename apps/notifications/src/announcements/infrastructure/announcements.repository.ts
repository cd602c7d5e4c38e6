import { Injectable } from '@nestjs/common';
import { isoUtc, type Transaction } from '@sportclub/service-kit';
import type { AnnouncementsRepositoryPort } from '../application/ports/announcements.repository.port';
import type { Announcement } from '../domain/announcement';

interface Row {
  announcement_id: string;
  tenant_id: string;
  title: string;
  text: string;
  member_ids: string[] | null;
  requested_by: string;
  status: Announcement['status'];
  total: number;
  planned: number;
  cursor: string;
  next_batch_at: string;
  created_at: string;
}

const COLUMNS = `announcement_id, tenant_id, title, text, member_ids, requested_by, status, total, planned, cursor,
  ${isoUtc('next_batch_at')} AS next_batch_at, ${isoUtc('created_at')} AS created_at`;

const toAnnouncement = (r: Row): Announcement => ({
  announcementId: r.announcement_id,
  tenantId: r.tenant_id,
  title: r.title,
  text: r.text,
  ...(r.member_ids && { memberIds: r.member_ids }),
  requestedBy: r.requested_by,
  status: r.status,
  total: r.total,
  planned: r.planned,
  cursor: r.cursor,
  nextBatchAt: r.next_batch_at,
  createdAt: r.created_at,
});

/** Announcements in SQL (`announcement`). */
@Injectable()
export class AnnouncementsRepository implements AnnouncementsRepositoryPort {
  async insert(tx: Transaction, a: Announcement): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO announcement (announcement_id, tenant_id, title, text, member_ids, requested_by, status, total)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING announcement_id`,
      [a.announcementId, a.tenantId, a.title, a.text, a.memberIds ?? null, a.requestedBy, a.status, a.total],
    );
    return rows.length > 0;
  }

  async find(tx: Transaction, tenantId: string | undefined, announcementId: string) {
    const [row] = await tx.query<Row[]>(
      `SELECT ${COLUMNS} FROM announcement WHERE announcement_id = $1 AND ($2::text IS NULL OR tenant_id = $2)`,
      [announcementId, tenantId ?? null],
    );
    return row && toAnnouncement(row);
  }

  async lock(tx: Transaction, announcementId: string) {
    const [row] = await tx.query<Row[]>(
      `SELECT ${COLUMNS} FROM announcement WHERE announcement_id = $1 FOR UPDATE`,
      [announcementId],
    );
    return row && toAnnouncement(row);
  }

  async advance(
    tx: Transaction,
    announcementId: string,
    next: { cursor: string; plannedDelta: number; done: boolean; nextBatchAt: Date },
  ) {
    await tx.query(
      `UPDATE announcement SET cursor = $2, planned = planned + $3, status = $4, next_batch_at = $5
       WHERE announcement_id = $1`,
      [
        announcementId,
        next.cursor,
        next.plannedDelta,
        next.done ? 'planned' : 'planning',
        next.nextBatchAt.toISOString(),
      ],
    );
  }
}
