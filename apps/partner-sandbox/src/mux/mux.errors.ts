import { Catch, HttpException } from '@nestjs/common';
import { VendorExceptionFilter, isMissing, type SandboxErrorBody } from '../common/vendor-exception.filter';

/**
 * Mux's API error body, `{ error: { type, messages: [...] } }` (docs.mux.com, API reference "Errors").
 * The SDK picks its error class from the status alone (BadRequestError, AuthenticationError,
 * NotFoundError, RateLimitError…) and keeps this body on `error.error`.
 */
export interface MuxErrorBody {
  error: { type: string; messages: string[] };
}

export class MuxApiException extends HttpException {
  constructor(status: number, type: string, messages: string[]) {
    super({ error: { type, messages } } satisfies MuxErrorBody, status);
    this.message = messages.join(' ');
  }
}

/** 400 `invalid_parameters`, Mux's answer to a request it cannot act on as sent. */
export const invalidParameters = (...messages: string[]) =>
  new MuxApiException(400, 'invalid_parameters', messages);

/** A Mux feature the sandbox does not simulate: refused, so no caller mistakes silence for support. */
export const notSimulated = (what: string) =>
  invalidParameters(`${what} is not simulated by the partner sandbox`);

export const muxNotFound = () =>
  new MuxApiException(404, 'not_found', [
    "The requested resource either doesn't exist or you don't have access to it.",
  ]);

export const muxUnauthorized = () => new MuxApiException(401, 'unauthorized', ['Unauthorized request']);

/** Types for statuses the sandbox raises outside Mux's shape (faults, bugs, body parsing). */
const TYPES: Record<number, [string, string]> = {
  400: ['invalid_parameters', 'The request could not be processed.'],
  401: ['unauthorized', 'Unauthorized request'],
  403: ['forbidden', 'Forbidden'],
  404: ['not_found', "The requested resource either doesn't exist or you don't have access to it."],
  429: ['too_many_requests', 'Too many requests. Slow down and retry after the Retry-After delay.'],
  500: ['internal_server_error', 'An internal error occurred.'],
  503: ['service_unavailable', 'The service is temporarily unavailable.'],
};

/** Every error under the Mux routes leaves as `{ error: { type, messages } }`. */
@Catch()
export class MuxExceptionFilter extends VendorExceptionFilter {
  protected isVendorShaped(body: unknown): boolean {
    const error = (body as { error?: unknown } | null)?.error;
    return typeof error === 'object' && error !== null && 'messages' in error;
  }

  protected reshape(status: number, body: SandboxErrorBody): MuxErrorBody {
    if (body.problems?.length) {
      return {
        error: {
          type: 'invalid_parameters',
          messages: body.problems.map((p) =>
            isMissing(p) ? `${p.field} is required` : `${p.field} ${p.reason}`,
          ),
        },
      };
    }
    const [type, fallback] = TYPES[status] ?? TYPES[status >= 500 ? 500 : 400];
    const message = typeof body.message === 'string' ? body.message : fallback;
    return { error: { type, messages: [message] } };
  }
}
