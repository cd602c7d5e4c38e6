import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { VendorApi } from '../faults/vendor-faults.interceptor';
import {
  CALENDAR_EVENTS_READONLY_SCOPE,
  CALENDAR_EVENTS_SCOPE,
  CALENDAR_READONLY_SCOPE,
  CALENDAR_SCOPE,
} from './google-oauth.clients';
import { GoogleApiException, GoogleCalendarExceptionFilter } from './google-calendar.errors';
import { GoogleOAuthGrants, type TokenOwner } from './google-oauth.grants';

const WRITE_SCOPES = [CALENDAR_SCOPE, CALENDAR_EVENTS_SCOPE];
const READ_SCOPES = [...WRITE_SCOPES, CALENDAR_READONLY_SCOPE, CALENDAR_EVENTS_READONLY_SCOPE];

const UNAUTHENTICATED =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

export type CalendarRequest = HttpRequest & { googleMember?: TokenOwner };

/** The member whose access token the guard accepted. */
export const memberOf = (req: CalendarRequest): TokenOwner => req.googleMember!;

/** 403 `insufficientPermissions` unless the member granted one of the scopes. */
export function requireScope(member: TokenOwner, scopes: readonly string[]): void {
  if (!member.scopes.some((s) => scopes.includes(s))) {
    throw new GoogleApiException(
      403,
      'Request had insufficient authentication scopes.',
      'insufficientPermissions',
    );
  }
}

/**
 * A live access token from the sandbox's consent flow (else 401 `authError`, which makes googleapis
 * refresh when it holds a refresh token) with a Calendar scope: any for reads, a writing one otherwise.
 */
@Injectable()
export class GoogleCalendarAuthGuard implements CanActivate {
  constructor(private readonly grants: GoogleOAuthGrants) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<CalendarRequest>();
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const owner = token ? this.grants.ownerOf(token) : null;
    if (!owner || owner === 'expired') {
      throw new GoogleApiException(401, UNAUTHENTICATED, 'authError', {
        message: 'Invalid Credentials',
        location: 'Authorization',
        locationType: 'header',
      });
    }
    requireScope(owner, req.method === 'GET' ? READ_SCOPES : WRITE_SCOPES);
    req.googleMember = owner;
    return true;
  }
}

/** What every Calendar API controller is: bearer token and scope check, faults, Google's error shape. */
export const GoogleCalendarApi = () =>
  VendorApi('google-calendar', GoogleCalendarAuthGuard, GoogleCalendarExceptionFilter);
