import { Catch, HttpException } from '@nestjs/common';
import {
  VendorExceptionFilter,
  isMissing,
  isUnknownField,
  type SandboxErrorBody,
} from '../common/vendor-exception.filter';

/** Stripe's error object (`{ error: {...} }`); the SDK picks its error class from status and `type`. */
export interface StripeErrorObject {
  type: 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error';
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
}

export class StripeApiException extends HttpException {
  constructor(status: number, error: StripeErrorObject) {
    super({ error }, status);
  }
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;

export const invalidRequest = (message: string, param?: string, code?: string, status = 400) =>
  new StripeApiException(status, {
    type: 'invalid_request_error',
    message,
    ...(param ? { param } : {}),
    ...(code ? { code, doc_url: docUrl(code) } : {}),
  });

/**
 * `No such customer: 'cus_…'` — 404 when the id is in the URL (`urlParam`), 400 when a body parameter
 * names it.
 */
export const noSuch = (what: string, id: string, param: string | undefined, urlParam = 'id') =>
  invalidRequest(`No such ${what}: '${id}'`, param ?? urlParam, 'resource_missing', param ? 400 : 404);

/** Stripe parameter names use brackets: `metadata[paymentId]`. */
const bracketed = (field: string): string | undefined => {
  if (field === '(body)') return undefined;
  const [head, ...rest] = field.split('.');
  return head + rest.map((p) => `[${p}]`).join('');
};

/** Every error under the Stripe routes leaves as `{ error: { type, message, … } }`. */
@Catch()
export class StripeExceptionFilter extends VendorExceptionFilter {
  protected isVendorShaped(body: unknown): boolean {
    const error = (body as { error?: unknown } | null)?.error;
    return typeof error === 'object' && error !== null && 'type' in error;
  }

  protected reshape(status: number, body: SandboxErrorBody): { error: StripeErrorObject } {
    const problem = body.problems?.[0];
    if (problem) {
      if (isUnknownField(problem)) {
        const param = bracketed(problem.field);
        return invalidBody(`Received unknown parameter: ${param}`, param, 'parameter_unknown');
      }
      const param = bracketed(problem.field);
      return isMissing(problem)
        ? invalidBody(`Missing required param: ${param}.`, param, 'parameter_missing')
        : invalidBody(
            /^Invalid (integer|boolean):/.test(problem.reason)
              ? problem.reason
              : `Invalid ${param}: ${problem.reason}`,
            param,
          );
    }
    const message = typeof body.message === 'string' ? body.message : 'The request could not be processed.';
    if (status >= 500) return { error: { type: 'api_error', message } };
    return { error: { type: 'invalid_request_error', message } };
  }
}

function invalidBody(message: string, param?: string, code?: string): { error: StripeErrorObject } {
  return invalidRequest(message, param, code).getResponse() as { error: StripeErrorObject };
}
