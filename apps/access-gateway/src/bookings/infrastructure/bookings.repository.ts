import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { isoUtc, type Transaction } from '@sportclub/service-kit';
import { SlotTakenError, type Booking } from '../domain/booking';
import type {
  BookingFilter,
  BookingsRepository,
  NewBooking,
} from '../application/ports/bookings.repository.port';

const COLUMNS = `booking_id AS "bookingId", court_id AS "courtId", member_id AS "memberId",
  block_reason AS "blockReason", ${isoUtc('starts_at')} AS "startsAt", ${isoUtc('ends_at')} AS "endsAt",
  status, booked_by AS "bookedBy", ${isoUtc('cancelled_at')} AS "cancelledAt", cancel_reason AS "cancelReason",
  version, ${isoUtc('created_at')} AS "createdAt", ${isoUtc('updated_at')} AS "updatedAt"`;

/** SQLSTATE exclusion_violation: the new slot overlaps a booked one (court_booking_no_overlap). */
const EXCLUSION_VIOLATION = '23P01';

const isOverlap = (e: unknown) =>
  e instanceof QueryFailedError && (e.driverError as { code?: string }).code === EXCLUSION_VIOLATION;

/** The `court_booking` table; every statement is scoped by tenant. */
@Injectable()
export class PgBookingsRepository implements BookingsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(tx: Transaction, tenantId: string, b: NewBooking) {
    const [booking] = await this.guarded(tx, tenantId, b.courtId, b, (sp) =>
      sp.query<Booking[]>(
        `INSERT INTO court_booking (tenant_id, booking_id, court_id, member_id, block_reason, starts_at, ends_at, booked_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (tenant_id, booking_id) DO NOTHING
         RETURNING ${COLUMNS}`,
        [tenantId, b.bookingId, b.courtId, b.memberId, b.blockReason, b.startsAt, b.endsAt, b.bookedBy],
      ),
    );
    if (booking) return { booking, created: true };
    return { booking: (await this.lock(tx, tenantId, b.bookingId))!, created: false };
  }

  async lock(tx: Transaction, tenantId: string, bookingId: string): Promise<Booking | undefined> {
    const [booking] = await tx.query<Booking[]>(
      `SELECT ${COLUMNS} FROM court_booking WHERE tenant_id = $1 AND booking_id = $2 FOR UPDATE`,
      [tenantId, bookingId],
    );
    return booking;
  }

  async reschedule(
    tx: Transaction,
    tenantId: string,
    bookingId: string,
    slot: { startsAt: string; endsAt: string },
  ): Promise<Booking> {
    const [current] = await tx.query<{ courtId: string }[]>(
      `SELECT court_id AS "courtId" FROM court_booking WHERE tenant_id = $1 AND booking_id = $2`,
      [tenantId, bookingId],
    );
    const [[booking]] = await this.guarded(tx, tenantId, current.courtId, { bookingId, ...slot }, (sp) =>
      sp.query<[Booking[], number]>(
        `UPDATE court_booking SET starts_at = $3, ends_at = $4, version = version + 1, updated_at = now()
          WHERE tenant_id = $1 AND booking_id = $2 AND status = 'booked'
          RETURNING ${COLUMNS}`,
        [tenantId, bookingId, slot.startsAt, slot.endsAt],
      ),
    );
    return booking;
  }

  async cancel(tx: Transaction, tenantId: string, bookingId: string, reason: string | null) {
    const [[booking]] = await tx.query<[Booking[], number]>(
      `UPDATE court_booking SET status = 'cancelled', cancelled_at = now(), cancel_reason = $3,
              version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND booking_id = $2 AND status = 'booked'
        RETURNING ${COLUMNS}`,
      [tenantId, bookingId, reason],
    );
    return booking;
  }

  async find(tenantId: string, bookingId: string): Promise<Booking | undefined> {
    const [booking] = await this.db.query<Booking[]>(
      `SELECT ${COLUMNS} FROM court_booking WHERE tenant_id = $1 AND booking_id = $2`,
      [tenantId, bookingId],
    );
    return booking;
  }

  list(tenantId: string, f: BookingFilter): Promise<Booking[]> {
    return this.db.query<Booking[]>(
      `SELECT ${COLUMNS} FROM court_booking
        WHERE tenant_id = $1 AND ($2::text IS NULL OR court_id = $2) AND ($3::text IS NULL OR member_id = $3)
          AND ($4::text IS NULL OR status = $4)
          AND tstzrange(starts_at, ends_at, '[)') && tstzrange($5::timestamptz, $6::timestamptz, '[)')
        ORDER BY starts_at, court_id LIMIT $7`,
      [tenantId, f.courtId ?? null, f.memberId ?? null, f.status ?? null, f.from, f.to, f.limit],
    );
  }

  async findAt(
    tenantId: string,
    courtId: string,
    at: string,
    tx?: Transaction,
  ): Promise<Booking | undefined> {
    const [booking] = await (tx ?? this.db.manager).query<Booking[]>(
      `SELECT ${COLUMNS} FROM court_booking
        WHERE tenant_id = $1 AND court_id = $2 AND status = 'booked'
          AND tstzrange(starts_at, ends_at, '[)') @> $3::timestamptz`,
      [tenantId, courtId, at],
    );
    return booking;
  }

  /**
   * Runs a write behind a savepoint: when the exclusion constraint refuses it, the savepoint is rolled
   * back (the transaction stays usable) and the booked slot it clashed with — committed by then, since
   * the constraint waits for the other transaction — is read to name it in the refusal.
   */
  private async guarded<T>(
    tx: Transaction,
    tenantId: string,
    courtId: string,
    slot: { bookingId: string; startsAt: string; endsAt: string },
    write: (sp: Transaction) => Promise<T>,
  ): Promise<T> {
    try {
      return await tx.transaction(write);
    } catch (error) {
      if (!isOverlap(error)) throw error;
      const [clash] = await tx.query<{ startsAt: string; endsAt: string }[]>(
        `SELECT ${isoUtc('starts_at')} AS "startsAt", ${isoUtc('ends_at')} AS "endsAt" FROM court_booking
          WHERE tenant_id = $1 AND court_id = $2 AND status = 'booked' AND booking_id <> $3
            AND tstzrange(starts_at, ends_at, '[)') && tstzrange($4::timestamptz, $5::timestamptz, '[)')
          ORDER BY starts_at LIMIT 1`,
        [tenantId, courtId, slot.bookingId, slot.startsAt, slot.endsAt],
      );
      throw new SlotTakenError(clash ? { courtId, ...clash } : null, 'UTC');
    }
  }
}
