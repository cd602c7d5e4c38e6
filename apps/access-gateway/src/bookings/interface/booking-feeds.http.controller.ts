import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ZodResponse, createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import { AllowSuspended, CurrentPrincipal, MEMBER_OR_STAFF, Roles } from '../../auth/auth.guard';
import type { AccessGatewayConfig } from '../../config/access-gateway.config';
import { ApiErrors, memberIdSchema } from '../../shared/interface/http-contract';
import { CreateBookingFeedHandler } from '../application/create-booking-feed/create-booking-feed.handler';
import { ListBookingFeedsHandler } from '../application/list-booking-feeds/list-booking-feeds.handler';
import { RevokeBookingFeedHandler } from '../application/revoke-booking-feed/revoke-booking-feed.handler';
import { FEED_SCOPES, type BookingFeed } from '../domain/booking-feed';
import { actorOf } from './booking-actor';
import { feedUrl } from './booking-feed-ics.http.controller';

class CreateFeedDto extends createZodDto(
  z
    .object({
      scope: z
        .enum(FEED_SCOPES)
        .describe("`member`: one member's bookings; `club`: every booking and block of the club (staff)"),
      memberId: memberIdSchema
        .optional()
        .describe("a member feed's member (default: the caller); staff only for another member"),
    })
    .strict()
    .refine((f) => !(f.scope === 'club' && f.memberId !== undefined), {
      path: ['memberId'],
      message: "the club's feed is of no one member",
    }),
) {}
class FeedParamsDto extends createZodDto(z.object({ id: z.uuid() })) {}

const feedFields = {
  id: z.uuid(),
  scope: z.enum(FEED_SCOPES),
  memberId: z.string().optional().describe("a member feed's member; absent for the club's feed"),
  createdAt: z.iso.datetime(),
};
class CreatedFeedDto extends createZodDto(
  z.object({
    ...feedFields,
    url: z
      .url()
      .describe(
        'the secret address to subscribe to (text/calendar); shown only in this answer, keep it private',
      ),
  }),
) {}
class FeedDto extends createZodDto(
  z.object({
    ...feedFields,
    createdBy: z.string().describe('who created it (the member, or staff)'),
    revokedAt: z.iso.datetime().nullable().describe('from then on its URL answers 404'),
  }),
) {}

const view = (f: BookingFeed) => ({
  id: f.id,
  scope: f.scope,
  ...(f.memberId !== null && { memberId: f.memberId }),
  createdAt: f.createdAt,
});

/**
 * Booking feeds of the caller's club (decision 0017): secret iCalendar URLs that calendar apps
 * subscribe to without logging in. A member creates, lists and revokes feeds of their own bookings;
 * staff those of any member of the club and the club's own feed. The URL is answered once, at creation.
 */
@ApiTags('bookings')
@ApiBearerAuth()
@ApiErrors(401, 403, 429)
@Controller('v1')
export class BookingFeedsHttpController {
  constructor(
    private readonly create: CreateBookingFeedHandler,
    private readonly list: ListBookingFeedsHandler,
    private readonly revoke: RevokeBookingFeedHandler,
    @Inject(SERVICE_CONFIG) private readonly config: AccessGatewayConfig,
  ) {}

  @Post('booking-feeds')
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({ status: 201, type: CreatedFeedDto, description: 'created: its URL, this once' })
  @ApiErrors(400, [404, "no such member in this club (staff's member feed)"])
  async createFeed(@CurrentPrincipal() p: Principal, @Body() body: CreateFeedDto) {
    const { feed, token } = await this.create.execute(actorOf(p), body);
    return { ...view(feed), url: feedUrl(this.config.PUBLIC_BASE_URL, token) };
  }

  @Get('booking-feeds')
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({
    status: 200,
    type: [FeedDto],
    description:
      "newest first, revoked ones too: the feeds of the member's bookings, or the club's for staff",
  })
  async feeds(@CurrentPrincipal() p: Principal) {
    return (await this.list.execute(actorOf(p))).map((f) => ({
      ...view(f),
      createdBy: f.createdBy,
      revokedAt: f.revokedAt,
    }));
  }

  @Delete('booking-feeds/:id')
  @HttpCode(204)
  @Roles(...MEMBER_OR_STAFF)
  // A suspended member may still revoke a feed of their bookings.
  @AllowSuspended()
  @ApiResponse({ status: 204, description: 'revoked: its URL answers 404 from now on' })
  @ApiErrors(400, 404)
  async revokeFeed(@CurrentPrincipal() p: Principal, @Param() { id }: FeedParamsDto): Promise<void> {
    await this.revoke.execute(actorOf(p), id);
  }
}
