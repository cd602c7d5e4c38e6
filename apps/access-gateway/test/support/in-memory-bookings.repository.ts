import type { Transaction } from '@sportclub/service-kit';
import { SlotTakenError, overlaps, type Booking } from '../../src/bookings/domain/booking';
import { DEFAULT_BOOKING_POLICY, type BookingPolicy } from '../../src/bookings/domain/booking-policy';
import type {
  BookingFilter,
  BookingPoliciesRepository,
  BookingsRepository,
  NewBooking,
} from '../../src/bookings/application/ports/bookings.repository.port';

/**
 * Court bookings in memory, for unit specs of the use cases: the same no-overlap rule the database's
 * exclusion constraint holds (booked slots of a court, half-open), answered with SlotTakenError.
 */
export class InMemoryBookingsRepository implements BookingsRepository {
  readonly rows = new Map<string, Booking & { tenantId: string }>();

  async insert(_tx: Transaction, tenantId: string, b: NewBooking) {
    const known = this.rows.get(`${tenantId}/${b.bookingId}`);
    if (known) return { booking: strip(known), created: false };
    this.refuseOverlap(tenantId, b.courtId, b.bookingId, b);
    const now = new Date().toISOString();
    const booking: Booking = {
      ...b,
      status: 'booked',
      cancelledAt: null,
      cancelReason: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    this.rows.set(`${tenantId}/${b.bookingId}`, { ...booking, tenantId });
    return { booking, created: true };
  }

  async lock(_tx: Transaction, tenantId: string, bookingId: string) {
    return this.find(tenantId, bookingId);
  }

  async reschedule(
    _tx: Transaction,
    tenantId: string,
    bookingId: string,
    slot: { startsAt: string; endsAt: string },
  ) {
    const row = this.rows.get(`${tenantId}/${bookingId}`)!;
    this.refuseOverlap(tenantId, row.courtId, bookingId, slot);
    return this.update(row, { ...slot });
  }

  async cancel(_tx: Transaction, tenantId: string, bookingId: string, reason: string | null) {
    const row = this.rows.get(`${tenantId}/${bookingId}`)!;
    return this.update(row, {
      status: 'cancelled',
      cancelledAt: new Date().toISOString(),
      cancelReason: reason,
    });
  }

  async find(tenantId: string, bookingId: string) {
    const row = this.rows.get(`${tenantId}/${bookingId}`);
    return row && strip(row);
  }

  async list(tenantId: string, f: BookingFilter) {
    return [...this.rows.values()]
      .filter(
        (b) =>
          b.tenantId === tenantId &&
          (!f.courtId || b.courtId === f.courtId) &&
          (!f.memberId || b.memberId === f.memberId) &&
          (!f.status || b.status === f.status) &&
          overlaps(b, { startsAt: f.from, endsAt: f.to }),
      )
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
      .slice(0, f.limit)
      .map(strip);
  }

  async findAt(tenantId: string, courtId: string, at: string) {
    const t = Date.parse(at);
    const row = [...this.rows.values()].find(
      (b) =>
        b.tenantId === tenantId &&
        b.courtId === courtId &&
        b.status === 'booked' &&
        Date.parse(b.startsAt) <= t &&
        t < Date.parse(b.endsAt),
    );
    return row && strip(row);
  }

  private refuseOverlap(
    tenantId: string,
    courtId: string,
    bookingId: string,
    slot: { startsAt: string; endsAt: string },
  ) {
    const clash = [...this.rows.values()].find(
      (b) =>
        b.tenantId === tenantId &&
        b.courtId === courtId &&
        b.bookingId !== bookingId &&
        b.status === 'booked' &&
        overlaps(b, slot),
    );
    if (clash) throw new SlotTakenError({ courtId, startsAt: clash.startsAt, endsAt: clash.endsAt }, 'UTC');
  }

  private update(row: Booking & { tenantId: string }, change: Partial<Booking>): Booking {
    const next = { ...row, ...change, version: row.version + 1, updatedAt: new Date().toISOString() };
    this.rows.set(`${row.tenantId}/${row.bookingId}`, next);
    return strip(next);
  }
}

const strip = ({ tenantId: _tenantId, ...b }: Booking & { tenantId: string }): Booking => b;

/** Clubs' booking rules in memory; a club that set none has the defaults. */
export class InMemoryBookingPoliciesRepository implements BookingPoliciesRepository {
  private readonly rows = new Map<string, BookingPolicy>();

  async find(tenantId: string) {
    return this.rows.get(tenantId) ?? DEFAULT_BOOKING_POLICY;
  }

  async save(tenantId: string, policy: BookingPolicy) {
    this.rows.set(tenantId, policy);
    return policy;
  }
}
