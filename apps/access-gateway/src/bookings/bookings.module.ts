import { Module } from '@nestjs/common';
import { CourtsModule } from '../courts/courts.module';
import { MembersModule } from '../members/members.module';
import { BookCourtHandler } from './application/book-court/book-court.handler';
import { BookingPolicyHandler } from './application/booking-policy/booking-policy.handler';
import { CancelBookingHandler } from './application/cancel-booking/cancel-booking.handler';
import { FindCourtBookingHandler } from './application/find-court-booking/find-court-booking.handler';
import { GetBookingHandler } from './application/get-booking/get-booking.handler';
import { ListBookingsHandler } from './application/list-bookings/list-bookings.handler';
import {
  BOOKINGS_REPOSITORY,
  BOOKING_POLICIES_REPOSITORY,
  CLOCK,
} from './application/ports/bookings.repository.port';
import { RescheduleBookingHandler } from './application/reschedule-booking/reschedule-booking.handler';
import { PgBookingPoliciesRepository } from './infrastructure/booking-policies.repository';
import { PgBookingsRepository } from './infrastructure/bookings.repository';
import { BookingsHttpController } from './interface/bookings.http.controller';

/** Court bookings and staff blocks (no two overlap), the clubs' booking rules, and their events. */
@Module({
  imports: [CourtsModule, MembersModule],
  controllers: [BookingsHttpController],
  providers: [
    { provide: BOOKINGS_REPOSITORY, useClass: PgBookingsRepository },
    { provide: BOOKING_POLICIES_REPOSITORY, useClass: PgBookingPoliciesRepository },
    { provide: CLOCK, useValue: { now: () => new Date() } },
    BookCourtHandler,
    BookingPolicyHandler,
    CancelBookingHandler,
    FindCourtBookingHandler,
    GetBookingHandler,
    ListBookingsHandler,
    RescheduleBookingHandler,
  ],
  exports: [FindCourtBookingHandler, BOOKING_POLICIES_REPOSITORY],
})
export class BookingsModule {}
