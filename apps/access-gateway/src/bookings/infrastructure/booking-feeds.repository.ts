import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isoUtc } from '@sportclub/service-kit';
import type { BookingFeed, ResolvedBookingFeed } from '../domain/booking-feed';
import type {
  BookingFeedsRepository,
  NewBookingFeed,
} from '../application/ports/booking-feeds.repository.port';

const COLUMNS = `id, scope, member_id AS "memberId", created_by AS "createdBy",
  ${isoUtc('created_at')} AS "createdAt", ${isoUtc('revoked_at')} AS "revokedAt"`;

/** The `booking_feed` table; every statement but the token lookup is scoped by tenant. */
@Injectable()
export class PgBookingFeedsRepository implements BookingFeedsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(tenantId: string, f: NewBookingFeed): Promise<BookingFeed> {
    const [feed] = await this.db.query<BookingFeed[]>(
      `INSERT INTO booking_feed (id, tenant_id, scope, member_id, token_hash, created_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${COLUMNS}`,
      [f.id, tenantId, f.scope, f.memberId, f.tokenHash, f.createdBy],
    );
    return feed;
  }

  list(tenantId: string, filter: { memberId?: string }): Promise<BookingFeed[]> {
    return this.db.query<BookingFeed[]>(
      `SELECT ${COLUMNS} FROM booking_feed
        WHERE tenant_id = $1 AND ($2::text IS NULL OR member_id = $2)
        ORDER BY created_at DESC, id`,
      [tenantId, filter.memberId ?? null],
    );
  }

  async revoke(tenantId: string, id: string, filter: { memberId?: string }): Promise<boolean> {
    const [, count] = await this.db.query<[unknown[], number]>(
      `UPDATE booking_feed SET revoked_at = coalesce(revoked_at, now())
        WHERE tenant_id = $1 AND id = $2 AND ($3::text IS NULL OR member_id = $3)`,
      [tenantId, id, filter.memberId ?? null],
    );
    return count > 0;
  }

  async findActiveByTokenHash(tokenHash: Buffer): Promise<ResolvedBookingFeed | undefined> {
    const [feed] = await this.db.query<ResolvedBookingFeed[]>(
      `SELECT tenant_id AS "tenantId", ${COLUMNS} FROM booking_feed
        WHERE token_hash = $1 AND revoked_at IS NULL`,
      [tokenHash],
    );
    return feed;
  }
}
