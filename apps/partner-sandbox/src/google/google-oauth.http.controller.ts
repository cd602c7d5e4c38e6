import { Body, Controller, Headers, HttpCode, Post, Query, UseFilters } from '@nestjs/common';
import { GoogleOAuth, JWT_BEARER_GRANT } from '../fcm/google-oauth';
import { GoogleOAuthExceptionFilter } from '../fcm/google-oauth.errors';
import { GoogleOAuthGrants, type TokenForm } from './google-oauth.grants';

/**
 * Google's OAuth 2.0 token and revocation endpoints (`https://oauth2.googleapis.com/token|revoke`),
 * forms in, `{ error, error_description }` out. `/token` takes the JWT bearer grant (service accounts:
 * FCM) and the authorization-code and refresh-token grants (members' Google Calendar consent). No
 * vendor's faults reach them: Google's OAuth is its own service.
 */
@Controller('oauth2')
@UseFilters(GoogleOAuthExceptionFilter)
export class GoogleOAuthHttpController {
  constructor(
    private readonly serviceAccounts: GoogleOAuth,
    private readonly members: GoogleOAuthGrants,
  ) {}

  @Post('token')
  @HttpCode(200)
  token(@Body() body: unknown, @Headers('authorization') authorization?: string) {
    const form = textFields(body);
    if (form.grant_type === JWT_BEARER_GRANT) {
      return this.serviceAccounts.exchange(form.grant_type, form.assertion);
    }
    return this.members.exchange(form as TokenForm, authorization);
  }

  /** The token comes in the query (what googleapis' `revokeToken` sends) or in the form. */
  @Post('revoke')
  @HttpCode(200)
  revoke(@Query() query: unknown, @Body() body: unknown) {
    return this.members.revoke(textFields(query).token ?? textFields(body).token);
  }
}

function textFields(value: unknown): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  if (typeof value !== 'object' || value === null) return fields;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') fields[k] = v;
  return fields;
}
