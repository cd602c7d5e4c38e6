import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { HttpResponse } from '../common/http.types';
import { ConsentRequestError, GoogleOAuthGrants, type ConsentRequest } from './google-oauth.grants';

export const DEFAULT_MEMBER_EMAIL = 'member@sandbox.sportclub.test';

/**
 * Google's consent screen (`https://accounts.google.com/o/oauth2/v2/auth`, what `generateAuthUrl`
 * links to), reduced to one form a test can submit: the member's Google account (the `login_hint`, or
 * a default) and Allow / Deny. The form posts to `/o/oauth2/v2/auth/consent`, answered with a 302 to
 * the client's redirect URI. A malformed request gets Google's error page, never a redirect.
 */
@Controller('o/oauth2/v2/auth')
export class GoogleConsentHttpController {
  constructor(private readonly grants: GoogleOAuthGrants) {}

  @Get()
  show(@Query() query: unknown, @Res() res: HttpResponse): void {
    try {
      const request = this.grants.authorize(
        (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>,
      );
      page(res, 200, consentPage(request));
    } catch (error) {
      if (!(error instanceof ConsentRequestError)) throw error;
      page(res, error.status, errorPage(error));
    }
  }

  @Post('consent')
  decide(@Body() body: unknown, @Res() res: HttpResponse): void {
    const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    try {
      const email = text(form.email).trim().toLowerCase() || DEFAULT_MEMBER_EMAIL;
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
        throw new ConsentRequestError(400, 'invalid_request', 'Enter an email address.');
      }
      const location = this.grants.decide(text(form.consent_id), email, text(form.decision) === 'approve');
      res.status(302);
      res.setHeader('location', location);
      res.end();
    } catch (error) {
      if (!(error instanceof ConsentRequestError)) throw error;
      page(res, error.status, errorPage(error));
    }
  }
}

function page(res: HttpResponse, status: number, html: string): void {
  res.status(status);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(html);
}

function consentPage(request: ConsentRequest): string {
  const scopes = request.scopes.map((s) => `<li>${escape(s)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in - Google Accounts (sandbox)</title></head>
<body>
<h1>${escape(request.client.clientId)} wants to access your Google Account</h1>
<ul>${scopes}</ul>
<form method="post" action="/o/oauth2/v2/auth/consent">
<input type="hidden" name="consent_id" value="${escape(request.id)}">
<label>Google account <input type="email" name="email" value="${escape(request.loginHint ?? DEFAULT_MEMBER_EMAIL)}"></label>
<button type="submit" name="decision" value="deny">Cancel</button>
<button type="submit" name="decision" value="approve">Allow</button>
</form>
</body></html>
`;
}

function errorPage(error: ConsentRequestError): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Error ${error.status}: ${escape(error.code)}</title></head>
<body><h1>Access blocked: this app's request is invalid</h1>
<p id="error">Error ${error.status}: ${escape(error.code)}</p><p>${escape(error.description)}</p></body></html>
`;
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
