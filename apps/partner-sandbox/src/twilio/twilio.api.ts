import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { VendorApi } from '../faults/vendor-faults.interceptor';
import { TwilioExceptionFilter, twilioUnauthenticated } from './twilio.errors';

/** An Account SID: `AC` and 32 hex digits. */
export const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

/** HTTP Basic `AccountSid:AuthToken`, as the SDK sends it; null when absent or malformed. */
export function basicCredentials(req: HttpRequest): TwilioCredentials | null {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { accountSid: decoded.slice(0, colon), authToken: decoded.slice(colon + 1) };
}

/**
 * Any auth token for a well-formed Account SID that is also the account in the path; otherwise
 * Twilio's 401 (20003). The token is not checked but remembered per request: callbacks are signed
 * with it, as Twilio signs them with the account's token.
 */
@Injectable()
export class TwilioAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<HttpRequest & { params?: Record<string, string> }>();
    const credentials = basicCredentials(req);
    const pathAccount = req.params?.accountSid;
    if (
      !credentials ||
      !ACCOUNT_SID.test(credentials.accountSid) ||
      credentials.authToken === '' ||
      (pathAccount !== undefined && pathAccount !== credentials.accountSid)
    ) {
      throw twilioUnauthenticated();
    }
    return true;
  }
}

/** What every Twilio controller is: Basic auth, faults, Twilio's error shape. */
export const TwilioApi = () => VendorApi('twilio', TwilioAuthGuard, TwilioExceptionFilter);
