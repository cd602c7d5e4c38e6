import { Controller } from '@nestjs/common';
import {
  AccessBookingCancelledV1,
  AccessBookingCreatedV1,
  AccessBookingRescheduledV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { RecordBookingHandler } from '../application/record-booking/record-booking.handler';
import type { Booking } from '../domain/booking';

type BookingEvent = AccessBookingCreatedV1 | AccessBookingRescheduledV1 | AccessBookingCancelledV1;

/** access-gateway's booking events (`access.booking.v1`), each through the inbox in its transaction. */
@Controller()
export class BookingEventsHandler {
  constructor(private readonly record: RecordBookingHandler) {}

  @OnEvent(AccessBookingCreatedV1)
  created(e: Envelope<AccessBookingCreatedV1>, ctx: MessageContext) {
    return this.record.execute(ctx.manager, bookingOf(e, false));
  }

  @OnEvent(AccessBookingRescheduledV1)
  rescheduled(e: Envelope<AccessBookingRescheduledV1>, ctx: MessageContext) {
    return this.record.execute(ctx.manager, bookingOf(e, false));
  }

  @OnEvent(AccessBookingCancelledV1)
  cancelled(e: Envelope<AccessBookingCancelledV1>, ctx: MessageContext) {
    return this.record.execute(ctx.manager, bookingOf(e, true));
  }
}

function bookingOf({ tenantid, data }: Envelope<BookingEvent>, cancelled: boolean): Booking {
  return {
    tenantId: tenantid,
    bookingId: data.bookingId,
    courtId: data.courtId,
    courtName: data.courtName,
    kind: data.kind,
    ...(data.memberId && { memberId: data.memberId }),
    ...(data.blockReason && { blockReason: data.blockReason }),
    startsAt: data.startsAt,
    endsAt: data.endsAt,
    timeZone: data.timeZone,
    version: data.version,
    cancelled,
  };
}
