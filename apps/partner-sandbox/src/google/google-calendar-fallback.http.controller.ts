import { All, Controller, Req, UseFilters } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { GoogleApiException, GoogleCalendarExceptionFilter } from './google-calendar.errors';

/** Any other `/calendar/v3/…` call: Google's 404, naming what the sandbox does simulate. */
@Controller('calendar/v3')
@UseFilters(GoogleCalendarExceptionFilter)
export class GoogleCalendarFallbackHttpController {
  @All('*path')
  unknown(@Req() req: HttpRequest): never {
    throw new GoogleApiException(
      404,
      `${req.method} ${req.path} is not simulated (the sandbox has calendars insert/get, events, channels stop).`,
      'notFound',
    );
  }
}
