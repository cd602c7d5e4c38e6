import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PublicRoute } from '../../auth/auth.guard';
import { ApiErrors } from '../../shared/interface/http-contract';
import { ReadBookingFeedHandler } from '../application/read-booking-feed/read-booking-feed.handler';
import { FEED_AHEAD_DAYS, FEED_PAST_DAYS, FEED_REFRESH_MINUTES } from '../domain/booking-feed';
import { renderFeedIcs, ICS_CONTENT_TYPE } from './booking-feed.ics';

// Any text is taken here (a malformed token is not found, 404, like an unknown one: a 400 would say more).
class FeedTokenParamsDto extends createZodDto(
  z.object({ token: z.string().describe("the feed's secret token, from the URL its creation answered") }),
) {}

/** A feed's address: the token is its only credential, so it is shown only when the feed is created. */
export const feedUrl = (publicBaseUrl: string, token: string): string =>
  `${publicBaseUrl}/v1/booking-feeds/${token}.ics`;

/**
 * The feed itself, for calendar apps that subscribe by URL (Apple Calendar, Outlook, Google): no
 * access token, the secret in the path is the credential. An unknown, revoked or malformed token
 * answers 404 alike. Rate-limited per URL and per client address.
 */
@ApiTags('bookings')
@Controller('v1')
export class BookingFeedIcsHttpController {
  constructor(private readonly read: ReadBookingFeedHandler) {}

  @Get('booking-feeds/:token.ics')
  @PublicRoute()
  @Header('Content-Type', ICS_CONTENT_TYPE)
  // The URL is a secret: no shared cache keeps the answer.
  @Header('Cache-Control', 'private, no-cache')
  @ApiOkResponse({
    description:
      `RFC 5545 calendar: the bookings from ${FEED_PAST_DAYS} days ago to ${FEED_AHEAD_DAYS} days ahead on ` +
      "the club's clock (TZID with its VTIMEZONE), cancelled ones as STATUS:CANCELLED; calendars refresh it " +
      `every ${FEED_REFRESH_MINUTES} minutes`,
    content: { [ICS_CONTENT_TYPE]: { schema: { type: 'string' } } },
  })
  @ApiErrors(
    [404, 'no such feed, or it was revoked'],
    [429, 'rate limit of this URL or of the client address reached (Retry-After)'],
  )
  async feed(@Param() { token }: FeedTokenParamsDto): Promise<string> {
    return renderFeedIcs(await this.read.execute(token));
  }
}
