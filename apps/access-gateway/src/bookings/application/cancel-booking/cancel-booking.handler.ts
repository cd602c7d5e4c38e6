import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { GetCourtHandler } from '../../../courts/application/get-court/get-court.handler';
import { BookingNotFoundError, checkChangeable, visibleTo, type BookingActor } from '../../domain/booking';
import { bookingCancelled } from '../booking-events';
import { bookingView, type BookingView } from '../booking.view';
import {
  BOOKINGS_REPOSITORY,
  BOOKING_POLICIES_REPOSITORY,
  CLOCK,
  type BookingPoliciesRepository,
  type BookingsRepository,
  type Clock,
} from '../ports/bookings.repository.port';

/**
 * Cancels a booking or a block, freeing its slot. Another club's booking, or another member's for a
 * member, is not found (404); a member cancels only until the club's notice before the start (409
 * `notice_period_passed`), staff any time before it ends. Cancelling a cancelled booking answers it
 * unchanged (a retry), with no second event.
 */
@Injectable()
export class CancelBookingHandler {
  constructor(
    @Inject(BOOKINGS_REPOSITORY) private readonly bookings: BookingsRepository,
    @Inject(BOOKING_POLICIES_REPOSITORY) private readonly policies: BookingPoliciesRepository,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly courts: GetCourtHandler,
    private readonly outbox: Outbox,
  ) {}

  async execute(actor: BookingActor, bookingId: string, reason: string | null): Promise<BookingView> {
    const policy = await this.policies.find(actor.tenantId);
    return this.tx.run(async (tx) => {
      const current = await this.bookings.lock(tx, actor.tenantId, bookingId);
      if (!current || !visibleTo(current, actor)) throw new BookingNotFoundError();
      if (current.status === 'cancelled') return bookingView(current, policy.timeZone);
      checkChangeable(current, actor, policy, this.clock.now());
      const cancelled = await this.bookings.cancel(tx, actor.tenantId, bookingId, reason);
      const court = await this.courts.execute(actor.tenantId, cancelled.courtId, tx);
      await this.outbox.publish(
        tx,
        bookingCancelled(actor.tenantId, cancelled, court.name, policy.timeZone, actor.subject),
      );
      return bookingView(cancelled, policy.timeZone);
    });
  }
}
