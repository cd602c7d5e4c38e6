import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { throwError } from 'rxjs';
import { DomainError, type DomainErrorKind } from './domain-error';

const REFUSAL_STATUS: Record<DomainErrorKind, number> = {
  'not-found': 404,
  forbidden: 403,
  conflict: 409,
  invalid: 422,
  'upstream-failed': 502,
};

interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

const snake = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '') || 'error';

/** `null`, `a number`, … when the text is JSON but not an object or array; otherwise undefined. */
function jsonPrimitive(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null) return 'null';
    return typeof value === 'object' ? undefined : `a ${typeof value}`;
  } catch {
    return undefined;
  }
}

/** What body-parser rejected before any route ran (http-errors: `status`, `type`, `message`). */
function bodyParserError(e: unknown): { status: number; body: Record<string, string> } | undefined {
  const { status, type, message, body } = (e ?? {}) as {
    status?: unknown;
    type?: unknown;
    message?: unknown;
    body?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status >= 500 || typeof type !== 'string')
    return undefined;
  const reason = String(message);
  if (type === 'entity.too.large') return { status, body: { error: 'payload_too_large', reason } };
  if (type === 'entity.parse.failed') {
    // Strict JSON bodies: valid JSON that is not an object or array (`null`, `3`) is refused as such.
    const primitive = typeof body === 'string' ? jsonPrimitive(body) : undefined;
    return {
      status,
      body: {
        error: 'invalid_json',
        reason: primitive ? `the body must be a JSON object, not ${primitive}` : reason,
        field: '(body)',
      },
    };
  }
  return { status, body: { error: snake(type), reason } };
}

/**
 * The platform's error answer everywhere, `{ error, reason, field? }`: a use case's refusal
 * (DomainError) answers the status of its kind; exceptions that already carry the shape pass as they are; the framework's own (malformed JSON, an unknown route, a body too large) are
 * reshaped; anything else is a 500 `internal_error` whose details stay in the log. Message handlers keep
 * their own filters (errors go back to the transport).
 */
@Catch()
export class ErrorShapeFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') return throwError(() => exception);
    const res = host.switchToHttp().getResponse<HttpResponse>();
    if (exception instanceof DomainError) {
      return res.status(REFUSAL_STATUS[exception.kind]).json({
        error: exception.code,
        reason: exception.reason,
        ...(exception.field && { field: exception.field }),
        ...exception.details,
      });
    }
    const parser = bodyParserError(exception);
    if (parser) return res.status(parser.status).json(parser.body);
    if (!(exception instanceof HttpException)) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
      return res.status(500).json({ error: 'internal_error', reason: 'an unexpected error; it was logged' });
    }
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (
      typeof body === 'object' &&
      body !== null &&
      typeof (body as { error?: unknown }).error === 'string'
    ) {
      const { statusCode: _statusCode, message, ...rest } = body as Record<string, unknown>;
      if (!('statusCode' in body)) return res.status(status).json(body);
      // Nest's own `{ statusCode, message, error }`.
      const reason = Array.isArray(message) ? message.join('; ') : String(message ?? rest.error);
      const json = status === 400 && /JSON/.test(reason);
      return res.status(status).json({
        error: json ? 'invalid_json' : snake(String(rest.error)),
        reason,
        ...(json && { field: '(body)' }),
      });
    }
    return res
      .status(status)
      .json({ error: snake(exception.name.replace(/Exception$/, '')), reason: String(body) });
  }
}
