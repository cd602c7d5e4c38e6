import { Catch, HttpException } from '@nestjs/common';
import { VendorExceptionFilter, isMissing, type SandboxErrorBody } from '../common/vendor-exception.filter';

export interface PagErrorMessage {
  code: string;
  description: string;
  parameter_name?: string;
}

/** PagBank's error body: `{ error_messages: [{ code, description, parameter_name }] }`. */
export class PagSeguroApiException extends HttpException {
  constructor(status: number, ...messages: PagErrorMessage[]) {
    super({ error_messages: messages }, status);
  }
}

export const invalidParameter = (parameter: string, description: string) =>
  new PagSeguroApiException(400, { code: '40002', description, parameter_name: parameter });

export const chargeNotFound = (id: string) =>
  new PagSeguroApiException(404, {
    code: '40004',
    description: `charge ${id} not found`,
    parameter_name: 'id',
  });

/** Validation problems become `40001 required_parameter` / `40002 invalid_parameter` entries. */
@Catch()
export class PagSeguroExceptionFilter extends VendorExceptionFilter {
  protected isVendorShaped(body: unknown): boolean {
    return typeof body === 'object' && body !== null && 'error_messages' in body;
  }

  protected reshape(status: number, body: SandboxErrorBody): unknown {
    if (body.problems?.length) {
      return {
        error_messages: body.problems.map((p) =>
          isMissing(p)
            ? { code: '40001', description: 'required_parameter', parameter_name: p.field }
            : { code: '40002', description: `invalid_parameter: ${p.reason}`, parameter_name: p.field },
        ),
      };
    }
    const description = typeof body.message === 'string' ? body.message : 'internal error';
    const code =
      status === 503 ? 'SERVICE_UNAVAILABLE' : status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    return { error_messages: [{ code, description }] };
  }
}
