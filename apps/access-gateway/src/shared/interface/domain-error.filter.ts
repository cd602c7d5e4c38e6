import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '../domain/domain.error';

const STATUS: Record<DomainErrorKind, HttpStatus> = {
  'not-found': HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  'upstream-failed': HttpStatus.BAD_GATEWAY,
};

/** A use case's refusal as the API's error answer: `{ error, reason, field?, ...details }`. */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    res.status(STATUS[error.kind]).json({
      error: error.code,
      reason: error.reason,
      ...(error.field && { field: error.field }),
      ...error.details,
    });
  }
}
