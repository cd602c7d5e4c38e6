import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { GoogleCalendarApi, memberOf, requireScope, type CalendarRequest } from './google-calendar.api';
import { GoogleCalendarChannels } from './google-calendar.channels';
import { GoogleCalendarEvents, type ListQuery } from './google-calendar.events';
import { CALENDAR_SCOPE } from './google-oauth.clients';

/**
 * Google Calendar API v3 (`https://www.googleapis.com/calendar/v3`, googleapis' `calendar('v3')` with
 * `rootUrl` at the sandbox): calendars insert/get, events insert/get/patch/update/delete/list/watch,
 * channels stop. Each access token reaches only its member's calendars (`primary` is theirs).
 */
@Controller('calendar/v3')
@GoogleCalendarApi()
export class GoogleCalendarHttpController {
  constructor(
    private readonly events: GoogleCalendarEvents,
    private readonly channels: GoogleCalendarChannels,
  ) {}

  @Post('calendars')
  insertCalendar(@Req() req: CalendarRequest, @Body() body: unknown) {
    const member = memberOf(req);
    requireScope(member, [CALENDAR_SCOPE]);
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const calendar = this.events.createCalendar(member.email, {
      summary: text(input.summary),
      description: text(input.description),
      timeZone: text(input.timeZone),
    });
    return GoogleCalendarEvents.resource(calendar);
  }

  @Get('calendars/:calendarId')
  getCalendar(@Req() req: CalendarRequest, @Param('calendarId') calendarId: string) {
    return GoogleCalendarEvents.resource(this.calendar(req, calendarId));
  }

  @Get('calendars/:calendarId/events')
  list(@Req() req: CalendarRequest, @Param('calendarId') calendarId: string, @Query() query: ListQuery) {
    return this.events.list(this.calendar(req, calendarId), query ?? {});
  }

  @Post('calendars/:calendarId/events')
  insert(@Req() req: CalendarRequest, @Param('calendarId') calendarId: string, @Body() body: unknown) {
    return this.events.insert(this.calendar(req, calendarId), body);
  }

  @Post('calendars/:calendarId/events/watch')
  watch(@Req() req: CalendarRequest, @Param('calendarId') calendarId: string, @Body() body: unknown) {
    return this.channels.watch(this.calendar(req, calendarId), body);
  }

  @Get('calendars/:calendarId/events/:eventId')
  get(
    @Req() req: CalendarRequest,
    @Param('calendarId') calendarId: string,
    @Param('eventId') eventId: string,
  ) {
    return this.events.get(this.calendar(req, calendarId), eventId);
  }

  @Patch('calendars/:calendarId/events/:eventId')
  patch(
    @Req() req: CalendarRequest,
    @Param('calendarId') calendarId: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.events.patch(this.calendar(req, calendarId), eventId, body, ifMatch);
  }

  @Put('calendars/:calendarId/events/:eventId')
  update(
    @Req() req: CalendarRequest,
    @Param('calendarId') calendarId: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.events.update(this.calendar(req, calendarId), eventId, body, ifMatch);
  }

  @Delete('calendars/:calendarId/events/:eventId')
  @HttpCode(204)
  delete(
    @Req() req: CalendarRequest,
    @Param('calendarId') calendarId: string,
    @Param('eventId') eventId: string,
    @Headers('if-match') ifMatch?: string,
  ): void {
    this.events.delete(this.calendar(req, calendarId), eventId, ifMatch);
  }

  @Post('channels/stop')
  @HttpCode(204)
  stop(@Req() req: CalendarRequest, @Body() body: unknown): void {
    this.channels.stop(memberOf(req).email, body);
  }

  private calendar(req: CalendarRequest, calendarId: string) {
    return this.events.calendarFor(memberOf(req).email, calendarId);
  }
}
