import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '@sportclub/service-kit';
import { DEFAULT_BOOKING_POLICY, type BookingPolicy } from '../domain/booking-policy';
import type { BookingPoliciesRepository } from '../application/ports/bookings.repository.port';

const COLUMNS = `time_zone AS "timeZone", min_minutes AS "minMinutes", max_minutes AS "maxMinutes",
  slot_minutes AS "slotMinutes", notice_minutes AS "noticeMinutes"`;

/** The `booking_policy` table: one row per club that set its own rules. */
@Injectable()
export class PgBookingPoliciesRepository implements BookingPoliciesRepository {
  constructor(private readonly db: DataSource) {}

  async find(tenantId: string, tx?: Transaction): Promise<BookingPolicy> {
    const [policy] = await (tx ?? this.db.manager).query<BookingPolicy[]>(
      `SELECT ${COLUMNS} FROM booking_policy WHERE tenant_id = $1`,
      [tenantId],
    );
    return policy ?? DEFAULT_BOOKING_POLICY;
  }

  async save(tenantId: string, p: BookingPolicy): Promise<BookingPolicy> {
    const [saved] = await this.db.query<BookingPolicy[]>(
      `INSERT INTO booking_policy (tenant_id, time_zone, min_minutes, max_minutes, slot_minutes, notice_minutes)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id) DO UPDATE SET time_zone = $2, min_minutes = $3, max_minutes = $4,
         slot_minutes = $5, notice_minutes = $6, updated_at = now()
       RETURNING ${COLUMNS}`,
      [tenantId, p.timeZone, p.minMinutes, p.maxMinutes, p.slotMinutes, p.noticeMinutes],
    );
    return saved;
  }
}
