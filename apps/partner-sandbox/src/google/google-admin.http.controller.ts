import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseFilters,
} from '@nestjs/common';
import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { GoogleCalendarChannels } from './google-calendar.channels';
import { GoogleCalendarExceptionFilter } from './google-calendar.errors';
import { GoogleCalendarEvents } from './google-calendar.events';
import { GoogleOAuthGrants } from './google-oauth.grants';

const clientInput = z
  .object({ clientSecret: z.string().min(8), redirectUris: z.array(z.url()).min(1) })
  .strict();
const oauthSettings = z.object({ accessTokenTtlSeconds: z.number().int().min(1).max(86_400) }).strict();
const calendarInput = z
  .object({ id: z.string().min(1).optional(), summary: z.string().min(1), timeZone: z.string().optional() })
  .strict();
const grantsQuery = z.object({ email: z.string().optional(), clientId: z.string().optional() }).strict();
const eventsQuery = z.object({ showDeleted: z.enum(['true', 'false']).optional() }).strict();
const channelsQuery = z.object({ calendarId: z.string().optional() }).strict();

/**
 * Google's side of the admin API: OAuth clients and grants, token expiry, and the members' calendars
 * as the members themselves see and change them in Google (which notifies watch channels like any
 * change). Calendar ids in paths are the real ones (a member's primary calendar is their address).
 */
@Controller('__admin/google')
@UseFilters(GoogleCalendarExceptionFilter)
export class GoogleAdminHttpController {
  constructor(
    private readonly grants: GoogleOAuthGrants,
    private readonly events: GoogleCalendarEvents,
    private readonly channels: GoogleCalendarChannels,
  ) {}

  @Get('clients')
  clients() {
    return this.grants.listClients();
  }

  @Put('clients/:clientId')
  registerClient(@Param('clientId') clientId: string, @Body() body: unknown) {
    return this.grants.registerClient({ clientId, ...parseOrBadRequest(clientInput, body ?? {}, 'invalid') });
  }

  @Get('oauth')
  oauth() {
    return { accessTokenTtlSeconds: this.grants.accessTokenTtl() };
  }

  /** Lifetime of access tokens issued from now on (default 3599 s). */
  @Put('oauth')
  setOAuth(@Body() body: unknown) {
    const { accessTokenTtlSeconds } = parseOrBadRequest(oauthSettings, body ?? {}, 'invalid');
    this.grants.setAccessTokenTtl(accessTokenTtlSeconds);
    return { accessTokenTtlSeconds };
  }

  @Get('grants')
  listGrants(@Query() query: unknown) {
    return this.grants.listGrants(parseOrBadRequest(grantsQuery, query ?? {}, 'invalid'));
  }

  /** The member's access tokens expire now (API calls answer 401); refresh tokens keep working. */
  @Post('users/:email/expire-access-tokens')
  @HttpCode(200)
  expireAccessTokens(@Param('email') email: string) {
    return { expired: this.grants.expireAccessTokens(email) };
  }

  /** The member's Google account (created with its primary calendar) and calendars. */
  @Put('users/:email')
  user(@Param('email') email: string) {
    this.events.ensureUser(email);
    return { email, calendars: this.events.calendarsOf(email).map((c) => GoogleCalendarEvents.resource(c)) };
  }

  @Post('users/:email/calendars')
  createCalendar(@Param('email') email: string, @Body() body: unknown) {
    const input = parseOrBadRequest(calendarInput, body ?? {}, 'invalid');
    return GoogleCalendarEvents.resource(this.events.createCalendar(email, input));
  }

  /** Every event as stored, oldest first; cancelled ones only with `showDeleted=true`. */
  @Get('calendars/:calendarId/events')
  listEvents(@Param('calendarId') calendarId: string, @Query() query: unknown) {
    const { showDeleted } = parseOrBadRequest(eventsQuery, query ?? {}, 'invalid');
    return this.events
      .all(this.events.calendar(calendarId))
      .filter((e) => showDeleted === 'true' || e.status !== 'cancelled');
  }

  /** The member adds an event in Google's own app. */
  @Post('calendars/:calendarId/events')
  insertEvent(@Param('calendarId') calendarId: string, @Body() body: unknown) {
    return this.events.insert(this.events.calendar(calendarId), body);
  }

  /** The member edits an event in Google's own app (patch semantics). */
  @Patch('calendars/:calendarId/events/:eventId')
  patchEvent(
    @Param('calendarId') calendarId: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
  ) {
    return this.events.patch(this.events.calendar(calendarId), eventId, body);
  }

  /** The member deletes an event in Google's own app. */
  @Delete('calendars/:calendarId/events/:eventId')
  @HttpCode(204)
  deleteEvent(@Param('calendarId') calendarId: string, @Param('eventId') eventId: string): void {
    this.events.delete(this.events.calendar(calendarId), eventId);
  }

  /** Every sync token issued for the calendar becomes stale (410 `fullSyncRequired`). */
  @Post('calendars/:calendarId/invalidate-sync-tokens')
  @HttpCode(204)
  invalidateSyncTokens(@Param('calendarId') calendarId: string): void {
    this.events.invalidateSyncTokens(this.events.calendar(calendarId));
  }

  /** Watch channels and the notifications posted on each. */
  @Get('channels')
  listChannels(@Query() query: unknown) {
    return this.channels.list(parseOrBadRequest(channelsQuery, query ?? {}, 'invalid').calendarId);
  }
}
