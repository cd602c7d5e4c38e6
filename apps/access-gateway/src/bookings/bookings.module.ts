import { Module } from '@nestjs/common';
import { CourtsModule } from '../courts/courts.module';
import { MembersModule } from '../members/members.module';
import { BookCourtHandler } from './application/book-court/book-court.handler';
import { BookingPolicyHandler } from './application/booking-policy/booking-policy.handler';
import { CancelBookingHandler } from './application/cancel-booking/cancel-booking.handler';
import { CreateBookingFeedHandler } from './application/create-booking-feed/create-booking-feed.handler';
import { FindCourtBookingHandler } from './application/find-court-booking/find-court-booking.handler';
import { GetBookingHandler } from './application/get-booking/get-booking.handler';
import { ListBookingFeedsHandler } from './application/list-booking-feeds/list-booking-feeds.handler';
import { ListBookingsHandler } from './application/list-bookings/list-bookings.handler';
import { BOOKING_FEEDS_REPOSITORY } from './application/ports/booking-feeds.repository.port';
import {
  BOOKINGS_REPOSITORY,
  BOOKING_POLICIES_REPOSITORY,
  CLOCK,
} from './application/ports/bookings.repository.port';
import { ReadBookingFeedHandler } from './application/read-booking-feed/read-booking-feed.handler';
import { RescheduleBookingHandler } from './application/reschedule-booking/reschedule-booking.handler';
import { RevokeBookingFeedHandler } from './application/revoke-booking-feed/revoke-booking-feed.handler';
import { PgBookingFeedsRepository } from './infrastructure/booking-feeds.repository';
import { PgBookingPoliciesRepository } from './infrastructure/booking-policies.repository';
import { PgBookingsRepository } from './infrastructure/bookings.repository';
import { BookingFeedIcsHttpController } from './interface/booking-feed-ics.http.controller';
import { BookingFeedsHttpController } from './interface/booking-feeds.http.controller';
import { BookingsHttpController } from './interface/bookings.http.controller';

/**
 * Court bookings and staff blocks (no two overlap), the clubs' booking rules, their events, and the
 * iCalendar feeds calendar apps subscribe to.
 */
@Module({
  imports: [CourtsModule, MembersModule],
  controllers: [BookingsHttpController, BookingFeedsHttpController, BookingFeedIcsHttpController],
  providers: [
    { provide: BOOKINGS_REPOSITORY, useClass: PgBookingsRepository },
    { provide: BOOKING_POLICIES_REPOSITORY, useClass: PgBookingPoliciesRepository },
    { provide: BOOKING_FEEDS_REPOSITORY, useClass: PgBookingFeedsRepository },
    { provide: CLOCK, useValue: { now: () => new Date() } },
    BookCourtHandler,
    BookingPolicyHandler,
    CancelBookingHandler,
    CreateBookingFeedHandler,
    FindCourtBookingHandler,
    GetBookingHandler,
    ListBookingFeedsHandler,
    ListBookingsHandler,
    ReadBookingFeedHandler,
    RescheduleBookingHandler,
    RevokeBookingFeedHandler,
  ],
  exports: [FindCourtBookingHandler, BOOKING_POLICIES_REPOSITORY],
})
export class BookingsModule {}
