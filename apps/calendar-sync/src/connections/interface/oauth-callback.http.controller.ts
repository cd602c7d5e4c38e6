import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { CalendarSyncConfig } from '../../config/calendar-sync.config';

interface PageResponse {
  status(code: number): PageResponse;
  setHeader(name: string, value: string): void;
  end(body?: string): void;
}

/** What Google adds to the redirect URI (RFC 6749 §4.1.2): passed on as they came, nothing else. */
const PASSED_ON = ['code', 'state', 'error', 'scope'] as const;

/**
 * Where Google sends the browser back after its consent screen (the OAuth client's redirect URI,
 * `…/oauth/google/callback?code=…&state=…` or `?error=…&state=…`). Nothing is connected here: the
 * browser may be anyone's. It goes on to the app (CONSENT_RETURN_URL) with Google's parameters, and
 * the app, signed in as the user, finishes with `POST /v1/calendar/connections/complete` — which only
 * the user who started the consent can do. Without an app configured, a page says so.
 */
@ApiExcludeController()
@Controller('oauth/google')
export class OAuthCallbackHttpController {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: CalendarSyncConfig) {}

  @Get('callback')
  callback(@Query() query: Record<string, unknown>, @Res() res: PageResponse): void {
    res.setHeader('cache-control', 'no-store');
    res.setHeader('referrer-policy', 'no-referrer');
    const returnUrl = this.config.CONSENT_RETURN_URL;
    if (returnUrl) {
      const target = new URL(returnUrl);
      for (const name of PASSED_ON) {
        const value = query[name];
        if (typeof value === 'string' && value.length <= 2048) target.searchParams.set(name, value);
      }
      res.status(303);
      res.setHeader('location', target.toString());
      return res.end();
    }
    res.status(200);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Return to the app</title></head>' +
        '<body><h1>Return to the app</h1><p>Google has answered. Finish connecting your calendar in the ' +
        'Sport Tech Club app, signed in as the person who started.</p></body></html>\n',
    );
  }
}
