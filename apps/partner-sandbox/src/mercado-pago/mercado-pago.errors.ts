import { Catch, HttpException } from '@nestjs/common';
import { VendorExceptionFilter, isMissing, type SandboxErrorBody } from '../common/vendor-exception.filter';

/** One entry of MP's `cause` list. */
export interface MpCause {
  code: number | string;
  description: string;
  data: string | null;
}

/** MP's error body: `{ message, error, status, cause: [...] }` — the SDK raises by status from it. */
export class MercadoPagoApiException extends HttpException {
  constructor(status: number, error: string, message: string, cause: MpCause[] = []) {
    super({ message, error, status, cause }, status);
  }
}

export const badRequest = (message: string, code: number | string = 'bad_request') =>
  new MercadoPagoApiException(400, 'bad_request', message, [{ code, description: message, data: null }]);

export const paymentNotFound = (id: string) =>
  new MercadoPagoApiException(404, 'not_found', 'Payment not found', [
    { code: 2000, description: 'Payment not found', data: id },
  ]);

/** MP's codes for the fields it validates most often; others answer with a descriptive string code. */
const FIELD_CODES: Record<string, number> = {
  transaction_amount: 4037,
  'payer.email': 4050,
  token: 3003,
  notification_url: 4020,
  installments: 3011,
};

@Catch()
export class MercadoPagoExceptionFilter extends VendorExceptionFilter {
  protected isVendorShaped(body: unknown): boolean {
    return typeof body === 'object' && body !== null && 'cause' in body && 'status' in body;
  }

  protected reshape(status: number, body: SandboxErrorBody): unknown {
    if (body.problems?.length) {
      const cause = body.problems.map((p) => ({
        code: FIELD_CODES[p.field] ?? 'bad_request',
        description: isMissing(p) ? `${p.field} is required` : `Invalid ${p.field}: ${p.reason}`,
        data: null,
      }));
      return { message: cause[0].description, error: 'bad_request', status, cause };
    }
    const message = typeof body.message === 'string' ? body.message : 'internal_error';
    const error = status === 503 ? 'service_unavailable' : status >= 500 ? 'internal_error' : 'bad_request';
    return { message, error, status, cause: [] };
  }
}
