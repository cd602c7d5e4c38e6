import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { TRANSACTIONS, refusal, type Transactions } from '@sportclub/service-kit';
import { GetCourtHandler } from '../../../courts/application/get-court/get-court.handler';
import { idFor } from '../../../idempotency/idempotency-key';
import { GetMemberHandler } from '../../../members/application/get-member/get-member.handler';
import { SlotTakenError, checkSlot, type BookingActor } from '../../domain/booking';
import { bookingCreated } from '../booking-events';
import { bookingView, type BookingView } from '../booking.view';
import {
  BOOKINGS_REPOSITORY,
  BOOKING_POLICIES_REPOSITORY,
  CLOCK,
  type BookingPoliciesRepository,
  type BookingsRepository,
  type Clock,
} from '../ports/bookings.repository.port';

export interface BookCourt {
  courtId: string;
  /** Instants (ISO-8601); the slot is `[startsAt, endsAt)`. */
  startsAt: string;
  endsAt: string;
  /** Staff only: the member booked for (a member books for themselves). */
  memberId?: string;
  /** Staff only: blocks the court (maintenance, an event) instead of booking it for a member. */
  blockReason?: string;
  /** Names the request so a retry maps to the same booking (`<caller>:<Idempotency-Key>`). */
  requestKey: string;
}

export class StaffOnlyError extends refusal(
  'forbidden',
  'staff_only',
  'only staff book for another member',
  'memberId',
) {}
export class StaffOnlyBlockError extends refusal(
  'forbidden',
  'staff_only',
  'only staff block a court',
  'blockReason',
) {}

/**
 * Books a court slot: a member for themselves, staff for any active member of their club, or staff
 * block the court. The court and member must be the club's (404), the member active (403), the slot
 * within the club's rules (422) and free (409 `slot_taken`, naming the clashing slot). The booking and
 * its `access.booking.created.v1` commit together; a retried request answers the same booking.
 */
@Injectable()
export class BookCourtHandler {
  constructor(
    @Inject(BOOKINGS_REPOSITORY) private readonly bookings: BookingsRepository,
    @Inject(BOOKING_POLICIES_REPOSITORY) private readonly policies: BookingPoliciesRepository,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly courts: GetCourtHandler,
    private readonly members: GetMemberHandler,
    private readonly outbox: Outbox,
  ) {}

  async execute(actor: BookingActor, c: BookCourt): Promise<BookingView> {
    const forOther = c.memberId !== undefined && c.memberId !== actor.subject;
    if (!actor.staff && forOther) throw new StaffOnlyError();
    if (!actor.staff && c.blockReason !== undefined) throw new StaffOnlyBlockError();
    const block = actor.staff && c.blockReason !== undefined;
    const memberId = block ? null : (c.memberId ?? actor.subject);
    const court = await this.courts.execute(actor.tenantId, c.courtId);
    if (memberId) await this.members.active(actor.tenantId, memberId);
    const policy = await this.policies.find(actor.tenantId);
    const slot = { startsAt: new Date(c.startsAt), endsAt: new Date(c.endsAt) };
    const bookingId = idFor('booking', actor.tenantId, c.requestKey);
    try {
      return await this.tx.run(async (tx) => {
        const existing = await this.bookings.lock(tx, actor.tenantId, bookingId);
        if (existing) return bookingView(existing, policy.timeZone);
        checkSlot(slot, policy, this.clock.now());
        const { booking, created } = await this.bookings.insert(tx, actor.tenantId, {
          bookingId,
          courtId: court.courtId,
          memberId,
          blockReason: block ? (c.blockReason ?? null) : null,
          startsAt: slot.startsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
          bookedBy: actor.subject,
        });
        if (created) {
          await this.outbox.publish(tx, bookingCreated(actor.tenantId, booking, court.name, policy.timeZone));
        }
        return bookingView(booking, policy.timeZone);
      });
    } catch (error) {
      if (error instanceof SlotTakenError) throw new SlotTakenError(error.details.clash, policy.timeZone);
      throw error;
    }
  }
}
