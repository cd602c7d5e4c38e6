import { Catch, HttpException } from '@nestjs/common';
import { VendorExceptionFilter, type SandboxErrorBody } from '../common/vendor-exception.filter';

/** Twilio's REST error body; the SDK raises a RestException with `status`, `code` and `message` from it. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
  detail?: string;
}

export class TwilioApiException extends HttpException {
  constructor(status: number, code: number, message: string, detail?: string) {
    const body: TwilioErrorBody = {
      code,
      message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
      ...(detail ? { detail } : {}),
    };
    super(body, status);
  }
}

/** A 400 with one of Twilio's messaging error codes (21211 invalid To, 21610 unsubscribed…). */
export const twilioBadRequest = (code: number, message: string) => new TwilioApiException(400, code, message);

export const twilioNotFound = (path: string) =>
  new TwilioApiException(404, 20404, `The requested resource ${path} was not found`);

export const twilioUnauthenticated = () =>
  new TwilioApiException(401, 20003, 'Authenticate', 'Your AccountSid or AuthToken was incorrect.');

/** Twilio's platform codes for errors not raised in its shape (faults, bugs, body parsing). */
const PLATFORM_CODES: Record<number, [number, string]> = {
  400: [20001, 'Invalid request'],
  404: [20404, 'Not Found'],
  429: [20429, 'Too Many Requests'],
  500: [20500, 'Internal Server Error'],
  503: [20503, 'Service Unavailable'],
};

/** Every error under the Twilio routes leaves as `{ code, message, more_info, status }`. */
@Catch()
export class TwilioExceptionFilter extends VendorExceptionFilter {
  protected isVendorShaped(body: unknown): boolean {
    return typeof body === 'object' && body !== null && 'more_info' in body && 'code' in body;
  }

  protected reshape(status: number, body: SandboxErrorBody): TwilioErrorBody {
    const [code, title] = PLATFORM_CODES[status] ?? PLATFORM_CODES[status >= 500 ? 500 : 400];
    const message = typeof body.message === 'string' ? body.message : title;
    return new TwilioApiException(status, code, message).getResponse() as TwilioErrorBody;
  }
}
