import { Catch, HttpException } from '@nestjs/common';
import { VendorExceptionFilter, type SandboxErrorBody } from '../common/vendor-exception.filter';

/** RFC 6749 §5.2 error codes, as Google's token endpoint answers them. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'invalid_client'
  | 'invalid_token'
  | 'redirect_uri_mismatch'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'internal_failure';

/** Google's OAuth error body: `{ error, error_description }`, 400 unless said otherwise. */
export class GoogleOAuthException extends HttpException {
  constructor(code: OAuthErrorCode, description: string, status = 400) {
    super({ error: code, error_description: description }, status);
  }
}

/** Everything the token endpoint throws leaves as `{ error, error_description }`. */
@Catch()
export class GoogleOAuthExceptionFilter extends VendorExceptionFilter {
  protected isVendorShaped(body: unknown): boolean {
    return typeof body === 'object' && body !== null && 'error_description' in body;
  }

  protected reshape(status: number, body: SandboxErrorBody): unknown {
    const description = typeof body.message === 'string' ? body.message : 'internal error';
    return { error: status >= 500 ? 'internal_failure' : 'invalid_request', error_description: description };
  }
}
