import { Catch, HttpException } from '@nestjs/common';
import { VendorExceptionFilter, isMissing, type SandboxErrorBody } from '../common/vendor-exception.filter';

interface ErrorItem {
  domain: string;
  reason: string;
  message: string;
  location?: string;
  locationType?: 'header' | 'parameter';
}

/**
 * Google's JSON API error, as Calendar v3 answers it:
 * `{ error: { code, message, errors: [{ domain, reason, message, location?, locationType? }] } }`.
 * googleapis copies `errors` onto the GaxiosError it throws, so clients branch on `errors[0].reason`.
 */
export class GoogleApiException extends HttpException {
  constructor(
    status: number,
    message: string,
    reason: string,
    item: Partial<Omit<ErrorItem, 'reason'>> = {},
  ) {
    super(
      {
        error: {
          code: status,
          message,
          errors: [{ domain: 'global', reason, message, ...item }],
          ...(status === 401 && { status: 'UNAUTHENTICATED' }),
          ...(status === 403 && reason === 'insufficientPermissions' && { status: 'PERMISSION_DENIED' }),
        },
      },
      status,
    );
    this.message = message;
  }
}

export const notFound = () => new GoogleApiException(404, 'Not Found', 'notFound');
export const invalid = (message: string, location?: string) =>
  new GoogleApiException(400, message, 'invalid', location ? { location, locationType: 'parameter' } : {});
export const required = (message: string, location?: string) =>
  new GoogleApiException(400, message, 'required', location ? { location, locationType: 'parameter' } : {});

/** Calendar API errors leave in Google's shape, whatever threw them (validation, faults, bugs). */
@Catch()
export class GoogleCalendarExceptionFilter extends VendorExceptionFilter {
  protected isVendorShaped(body: unknown): boolean {
    const error = (body as { error?: unknown } | null)?.error;
    return typeof error === 'object' && error !== null && 'errors' in error;
  }

  protected reshape(status: number, body: SandboxErrorBody): unknown {
    const message = typeof body.message === 'string' ? body.message : undefined;
    const problem = body.problems?.[0];
    const quotaReason = (body as { reason?: unknown }).reason;
    let item: ErrorItem;
    if (problem) {
      const reason = isMissing(problem) ? 'required' : 'invalid';
      const text = `${reason === 'required' ? 'Required' : 'Invalid value for'}: ${problem.field}`;
      item = { domain: 'global', reason, message: text, location: problem.field, locationType: 'parameter' };
    } else if (status === 429) {
      item = { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' };
    } else if (status === 403 && typeof quotaReason === 'string') {
      const text =
        quotaReason === 'userRateLimitExceeded' ? 'User Rate Limit Exceeded' : 'Rate Limit Exceeded';
      item = { domain: 'usageLimits', reason: quotaReason, message: text };
    } else if (status === 404) {
      item = { domain: 'global', reason: 'notFound', message: 'Not Found' };
    } else if (status >= 500) {
      item = { domain: 'global', reason: 'backendError', message: message ?? 'Backend Error' };
    } else {
      item = { domain: 'global', reason: 'badRequest', message: message ?? 'Bad Request' };
    }
    return { error: { code: status, message: item.message, errors: [item] } };
  }
}
