import { HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { HttpResponse } from './http.types';
import { UNKNOWN_FIELD, type FieldProblem } from '@sportclub/service-kit';

/** What the sandbox's own exceptions carry before a vendor filter reshapes them. */
export interface SandboxErrorBody {
  error?: unknown;
  message?: unknown;
  problems?: FieldProblem[];
}

/**
 * Base of the per-vendor exception filters: every error a simulated vendor answers — validation
 * problems from `parseOrBadRequest`, fault outages, unexpected bugs — leaves in that vendor's error
 * shape, because the vendor SDKs decide what to throw from the body (a Stripe body without an `error`
 * object is even taken for a success).
 */
export abstract class VendorExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(this.constructor.name);

  /** The vendor's body for an exception not already in its shape. */
  protected abstract reshape(status: number, body: SandboxErrorBody): unknown;
  /** Whether a body is already in the vendor's shape (thrown as such by a controller). */
  protected abstract isVendorShaped(body: unknown): boolean;

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<HttpResponse>();
    if (res.headersSent || res.destroyed) return;
    if (!(exception instanceof HttpException)) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
      res.status(500).json(this.reshape(500, { message: 'An unexpected error occurred (sandbox bug).' }));
      return;
    }
    const status = exception.getStatus();
    const body = exception.getResponse();
    const normalized: SandboxErrorBody = typeof body === 'string' ? { message: body } : (body as object);
    res.status(status).json(this.isVendorShaped(body) ? body : this.reshape(status, normalized));
  }
}

/** A zod problem for a field that was not sent at all. */
export const isMissing = (p: FieldProblem): boolean => /received undefined/.test(p.reason);

/** A problem naming a parameter the route does not take (its `field` is that parameter's path). */
export const isUnknownField = (p: FieldProblem): boolean => p.reason === UNKNOWN_FIELD;
