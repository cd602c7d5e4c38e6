import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { GetCourtHandler } from '../../../courts/application/get-court/get-court.handler';
import {
  BookingNotFoundError,
  SlotTakenError,
  checkChangeable,
  checkSlot,
  visibleTo,
  type BookingActor,
} from '../../domain/booking';
import { bookingRescheduled } from '../booking-events';
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
 * Moves a booking to another slot of the same court. Another club's booking, or another member's for a
 * member, is not found (404); a member moves only until the club's notice before the current start
 * (409 `notice_period_passed`), staff any time before it ends; the new slot follows the club's rules
 * (422) and must be free (409 `slot_taken`, nothing changed). The same slot again changes nothing.
 */
@Injectable()
export class RescheduleBookingHandler {
  constructor(
    @Inject(BOOKINGS_REPOSITORY) private readonly bookings: BookingsRepository,
    @Inject(BOOKING_POLICIES_REPOSITORY) private readonly policies: BookingPoliciesRepository,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly courts: GetCourtHandler,
    private readonly outbox: Outbox,
  ) {}

  async execute(
    actor: BookingActor,
    bookingId: string,
    to: { startsAt: string; endsAt: string },
  ): Promise<BookingView> {
    const policy = await this.policies.find(actor.tenantId);
    const slot = { startsAt: new Date(to.startsAt), endsAt: new Date(to.endsAt) };
    try {
      return await this.tx.run(async (tx) => {
        const current = await this.bookings.lock(tx, actor.tenantId, bookingId);
        if (!current || !visibleTo(current, actor)) throw new BookingNotFoundError();
        const now = this.clock.now();
        checkChangeable(current, actor, policy, now);
        const same =
          Date.parse(current.startsAt) === slot.startsAt.getTime() &&
          Date.parse(current.endsAt) === slot.endsAt.getTime();
        if (same) return bookingView(current, policy.timeZone);
        checkSlot(slot, policy, now);
        const moved = await this.bookings.reschedule(tx, actor.tenantId, bookingId, {
          startsAt: slot.startsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
        });
        const court = await this.courts.execute(actor.tenantId, moved.courtId, tx);
        await this.outbox.publish(
          tx,
          bookingRescheduled(actor.tenantId, moved, current, court.name, policy.timeZone, actor.subject),
        );
        return bookingView(moved, policy.timeZone);
      });
    } catch (error) {
      if (error instanceof SlotTakenError) throw new SlotTakenError(error.details.clash, policy.timeZone);
      throw error;
    }
  }
}
