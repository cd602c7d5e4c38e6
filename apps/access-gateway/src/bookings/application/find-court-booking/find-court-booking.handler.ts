import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import type { Booking } from '../../domain/booking';
import { BOOKINGS_REPOSITORY, type BookingsRepository } from '../ports/bookings.repository.port';

/** The booking or block holding a court at an instant, if any (what a check-in checks first). */
@Injectable()
export class FindCourtBookingHandler {
  constructor(@Inject(BOOKINGS_REPOSITORY) private readonly bookings: BookingsRepository) {}

  execute(tenantId: string, courtId: string, at: Date, tx?: Transaction): Promise<Booking | undefined> {
    return this.bookings.findAt(tenantId, courtId, at.toISOString(), tx);
  }
}
