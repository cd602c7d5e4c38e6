import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse, createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import { CurrentPrincipal, MEMBER_OR_STAFF, Roles, STAFF } from '../../auth/auth.guard';
import { courtIdSchema } from '../../courts/interface/court-id.schema';
import { IdempotencyKey, Idempotent } from '../../idempotency/idempotency.interceptor';
import { ApiErrors, memberIdSchema } from '../../shared/interface/http-contract';
import { BOOKING_STATUSES } from '../domain/booking';
import { BookCourtHandler } from '../application/book-court/book-court.handler';
import { BookingPolicyHandler } from '../application/booking-policy/booking-policy.handler';
import { CancelBookingHandler } from '../application/cancel-booking/cancel-booking.handler';
import { GetBookingHandler } from '../application/get-booking/get-booking.handler';
import { ListBookingsHandler } from '../application/list-bookings/list-bookings.handler';
import { RescheduleBookingHandler } from '../application/reschedule-booking/reschedule-booking.handler';
import { actorOf } from './booking-actor';

const instant = z.iso
  .datetime({ offset: true })
  .describe('RFC 3339 instant with Z or an offset (`2026-12-01T10:00:00-03:00`)');
const slotSchema = z.object({
  startsAt: instant.describe('start of the half-open slot [startsAt, endsAt)'),
  endsAt: instant.describe('end of the slot (the next booking may start here)'),
});

class BookDto extends createZodDto(
  slotSchema
    .extend({
      courtId: courtIdSchema,
      memberId: memberIdSchema.optional().describe('staff only: the member booked for (default: the caller)'),
      blockReason: z
        .string()
        .trim()
        .min(1)
        .max(500)
        .optional()
        .describe('staff only: blocks the court (maintenance, an event) instead of booking it for a member'),
    })
    .strict()
    .refine((b) => !(b.memberId && b.blockReason), {
      path: ['blockReason'],
      message: 'a block is for no member: give memberId or blockReason, not both',
    }),
) {}
class SlotDto extends createZodDto(slotSchema.strict()) {}
class CancelDto extends createZodDto(
  z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict(),
) {}
class BookingParamsDto extends createZodDto(z.object({ bookingId: z.uuid() })) {}
class ListQueryDto extends createZodDto(
  z
    .object({
      courtId: courtIdSchema.optional(),
      date: z.iso
        .date()
        .optional()
        .describe("a day on the club's calendar (its time zone); default: from now on"),
      status: z.enum(BOOKING_STATUSES).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(200),
    })
    .strict(),
) {}

const timeZone = z.string().describe('IANA time zone of the club (`America/Sao_Paulo`)');
class BookingDto extends createZodDto(
  z.object({
    bookingId: z.uuid(),
    courtId: z.string(),
    memberId: z.string().nullable().describe('null for a staff block'),
    blockReason: z.string().nullable(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    timeZone,
    localStartsAt: z.string().describe("startsAt on the club's clock, with its offset"),
    localEndsAt: z.string(),
    status: z.enum(BOOKING_STATUSES),
    bookedBy: z.string(),
    cancelledAt: z.iso.datetime().nullable(),
    cancelReason: z.string().nullable(),
    version: z.number().int().describe('1 when booked, +1 per change'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  }),
) {}

const policySchema = z
  .object({
    timeZone,
    minMinutes: z.number().int().min(5).max(1440),
    maxMinutes: z.number().int().min(5).max(1440),
    slotMinutes: z
      .number()
      .int()
      .min(5)
      .max(240)
      .nullable()
      .describe('starts and ends on this grid (null: any minute)'),
    noticeMinutes: z
      .number()
      .int()
      .min(0)
      .max(10_080)
      .describe('members reschedule or cancel until this long before the start; staff are exempt'),
  })
  .strict();
class PolicyDto extends createZodDto(policySchema) {}

const refusals = ApiErrors(
  400,
  404,
  [409, 'slot_taken (names the clashing slot), notice_period_passed, booking_cancelled or booking_ended'],
  [422, 'invalid_slot: the slot breaks the club rules (field: startsAt or endsAt)'],
);

/**
 * Court bookings of the caller's club: members book, move and cancel their own; staff book for any
 * member of the club, block courts, and see the club's bookings. Another club's booking or court, or
 * another member's booking for a member, answers 404. Times are instants; answers add them on the
 * club's clock.
 */
@ApiTags('bookings')
@ApiBearerAuth()
@ApiErrors(401, 403, 429)
@Controller('v1')
export class BookingsHttpController {
  constructor(
    private readonly book: BookCourtHandler,
    private readonly reschedule: RescheduleBookingHandler,
    private readonly cancelBooking: CancelBookingHandler,
    private readonly getBooking: GetBookingHandler,
    private readonly listBookings: ListBookingsHandler,
    private readonly policies: BookingPolicyHandler,
  ) {}

  @Post('bookings')
  @Roles(...MEMBER_OR_STAFF)
  @Idempotent('the same key and body answer the same booking')
  @ZodResponse({ status: 201, type: BookingDto, description: 'booked (or blocked)' })
  @refusals
  create(@CurrentPrincipal() p: Principal, @IdempotencyKey() key: string, @Body() body: BookDto) {
    return this.book.execute(actorOf(p), { ...body, requestKey: `app:${p.subject}:${key}` });
  }

  @Get('bookings')
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({
    status: 200,
    type: [BookingDto],
    description: "in start order: the member's own, or the club's for staff",
  })
  @ApiErrors(400)
  list(@CurrentPrincipal() p: Principal, @Query() q: ListQueryDto) {
    return this.listBookings.execute(actorOf(p), q);
  }

  @Get('bookings/:bookingId')
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({ status: 200, type: BookingDto })
  @ApiErrors(400, 404)
  one(@CurrentPrincipal() p: Principal, @Param() { bookingId }: BookingParamsDto) {
    return this.getBooking.execute(actorOf(p), bookingId);
  }

  @Put('bookings/:bookingId/slot')
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({ status: 200, type: BookingDto, description: 'the booking in its new slot' })
  @refusals
  move(@CurrentPrincipal() p: Principal, @Param() { bookingId }: BookingParamsDto, @Body() body: SlotDto) {
    return this.reschedule.execute(actorOf(p), bookingId, body);
  }

  @Post('bookings/:bookingId/cancel')
  @HttpCode(200)
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({ status: 200, type: BookingDto, description: 'cancelled; its slot is free' })
  @ApiErrors(400, 404, [409, 'notice_period_passed or booking_ended'])
  cancel(
    @CurrentPrincipal() p: Principal,
    @Param() { bookingId }: BookingParamsDto,
    @Body() body: CancelDto,
  ) {
    return this.cancelBooking.execute(actorOf(p), bookingId, body.reason ?? null);
  }

  @Get('booking-policy')
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({ status: 200, type: PolicyDto, description: "the club's booking rules" })
  policy(@CurrentPrincipal() p: Principal) {
    return this.policies.get(p.tenantId);
  }

  @Put('booking-policy')
  @Roles(...STAFF)
  @ZodResponse({
    status: 200,
    type: PolicyDto,
    description: 'applies to bookings made or changed from now on',
  })
  @ApiErrors(400, [422, 'invalid_booking_policy: an unknown time zone, or lengths off the grid'])
  setPolicy(@CurrentPrincipal() p: Principal, @Body() body: PolicyDto) {
    return this.policies.save(p.tenantId, body);
  }
}
