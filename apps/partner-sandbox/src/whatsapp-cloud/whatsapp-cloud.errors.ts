import { randomBytes } from 'node:crypto';
import { Catch, HttpException } from '@nestjs/common';
import { VendorExceptionFilter, type SandboxErrorBody } from '../common/vendor-exception.filter';

/** The Graph API's error object: `{ error: { message, type, code, error_subcode, error_data, fbtrace_id } }`. */
export interface GraphError {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  error_data?: { messaging_product: 'whatsapp'; details: string };
  is_transient?: boolean;
  fbtrace_id: string;
}

const fbtraceId = () => randomBytes(9).toString('base64').replace(/[+/]/g, '_');

export class GraphApiException extends HttpException {
  constructor(status: number, error: Omit<GraphError, 'fbtrace_id' | 'type'> & { type?: string }) {
    const { message, type = 'OAuthException', code, ...rest } = error;
    super({ error: { message, type, code, ...rest, fbtrace_id: fbtraceId() } }, status);
  }
}

/** A WhatsApp error: `(#<code>) <title>` with Meta's `error_data.details`. */
export const whatsappError = (status: number, code: number, title: string, details?: string) =>
  new GraphApiException(status, {
    message: `(#${code}) ${title}`,
    code,
    ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
  });

export const invalidParameter = (message: string, details?: string) =>
  new GraphApiException(400, {
    message: `(#100) ${message}`,
    code: 100,
    ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
  });

export const invalidToken = () =>
  new GraphApiException(401, {
    message: 'Invalid OAuth access token - Cannot parse access token',
    code: 190,
  });

/** Graph's codes for errors not raised in its shape (faults, bugs, body parsing). */
const PLATFORM_ERRORS: Record<number, Omit<GraphError, 'fbtrace_id' | 'type'>> = {
  400: { message: '(#100) Invalid parameter', code: 100 },
  404: { message: 'Unknown path components', code: 2500 },
  429: { message: '(#130429) Rate limit hit', code: 130429 },
  500: { message: '(#131000) Something went wrong', code: 131000 },
  503: { message: '(#2) Service temporarily unavailable', code: 2, is_transient: true },
};

/** Every error under the Graph routes leaves as Graph's `{ error: { … } }`. */
@Catch()
export class GraphExceptionFilter extends VendorExceptionFilter {
  protected isVendorShaped(body: unknown): boolean {
    const error = (body as { error?: unknown } | null)?.error;
    return typeof error === 'object' && error !== null && 'fbtrace_id' in error;
  }

  protected reshape(status: number, body: SandboxErrorBody): unknown {
    const known = PLATFORM_ERRORS[status] ?? PLATFORM_ERRORS[status >= 500 ? 500 : 400];
    const details = typeof body.message === 'string' ? body.message : undefined;
    return new GraphApiException(status, {
      ...known,
      ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
    }).getResponse();
  }
}
