import { Catch, HttpException } from '@nestjs/common';
import { VendorExceptionFilter, type SandboxErrorBody } from '../common/vendor-exception.filter';

/** gRPC canonical statuses FCM answers with, by HTTP status. */
const CANONICAL: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** FCM's own error codes (`details[].errorCode`), which the Admin SDK maps to `messaging/*` codes. */
export type FcmErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNREGISTERED'
  | 'SENDER_ID_MISMATCH'
  | 'QUOTA_EXCEEDED'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | 'THIRD_PARTY_AUTH_ERROR';

export interface FieldViolation {
  field: string;
  description: string;
}

const FCM_ERROR_TYPE = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';
const BAD_REQUEST_TYPE = 'type.googleapis.com/google.rpc.BadRequest';

/**
 * Google's error body: `{ error: { code, message, status, details } }`; FCM's own code rides in a
 * `FcmError` detail and field problems in a `google.rpc.BadRequest` one.
 */
export class FcmApiException extends HttpException {
  constructor(
    status: number,
    message: string,
    options: { fcmCode?: FcmErrorCode; violations?: FieldViolation[]; details?: object[] } = {},
  ) {
    const details: object[] = [
      ...(options.fcmCode ? [{ '@type': FCM_ERROR_TYPE, errorCode: options.fcmCode }] : []),
      ...(options.violations?.length
        ? [{ '@type': BAD_REQUEST_TYPE, fieldViolations: options.violations }]
        : []),
      ...(options.details ?? []),
    ];
    super(
      {
        error: {
          code: status,
          message,
          status: CANONICAL[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'),
          ...(details.length ? { details } : {}),
        },
      },
      status,
    );
  }
}

export const invalidArgument = (message: string, violations: FieldViolation[]) =>
  new FcmApiException(400, message, { fcmCode: 'INVALID_ARGUMENT', violations });

/** Validation problems become one INVALID_ARGUMENT with a field violation each. */
@Catch()
export class FcmExceptionFilter extends VendorExceptionFilter {
  protected isVendorShaped(body: unknown): boolean {
    const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    return typeof error === 'object' && error !== null && 'status' in error;
  }

  protected reshape(status: number, body: SandboxErrorBody): unknown {
    if (body.problems?.length) {
      const violations = body.problems.map((p) => ({
        field: p.field,
        description: `Invalid value at '${p.field}': ${p.reason}`,
      }));
      return invalidArgument(
        `Invalid JSON payload received. ${violations.map((v) => v.description).join('; ')}`,
        violations,
      ).getResponse();
    }
    const message = typeof body.message === 'string' ? body.message : 'Internal error encountered.';
    const fcmCode: FcmErrorCode | undefined =
      status === 503
        ? 'UNAVAILABLE'
        : status === 429
          ? 'QUOTA_EXCEEDED'
          : status >= 500
            ? 'INTERNAL'
            : undefined;
    return new FcmApiException(status, message, { fcmCode }).getResponse();
  }
}
