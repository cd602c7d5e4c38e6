import { Body, Controller, HttpCode, Post, UseFilters } from '@nestjs/common';
import { GoogleOAuth } from './google-oauth';
import { GoogleOAuthExceptionFilter } from './google-oauth.errors';

/**
 * Google's OAuth 2.0 token endpoint (`https://oauth2.googleapis.com/token`) for the JWT bearer grant:
 * a form with `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` and `assertion=<RS256 JWT>`
 * signed with a service account's key. FCM faults do not reach it: Google's OAuth is another service.
 */
@Controller('oauth2')
@UseFilters(GoogleOAuthExceptionFilter)
export class GoogleOAuthHttpController {
  constructor(private readonly oauth: GoogleOAuth) {}

  @Post('token')
  @HttpCode(200)
  token(@Body() body: unknown) {
    const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return this.oauth.exchange(text(form.grant_type), text(form.assertion));
  }
}
