import {
  HttpException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { HttpRequest, HttpResponse } from '../common/http.types';
import { catchError, finalize, of, tap, type Observable } from 'rxjs';
import { StripeApiException } from './stripe.errors';
import { apiKeyOf } from './stripe.request';

interface Saved {
  endpoint: string;
  params: string;
  status: number;
  body: unknown;
  at: number;
}

const KEPT_FOR_MS = 24 * 60 * 60 * 1000;
const KEPT_MAX = 10_000;

/**
 * Stripe's idempotent requests: a POST repeated with the same `Idempotency-Key` gets the first answer
 * again (`Idempotent-Replayed: true`) — successes and card declines alike, since the endpoint ran —
 * while the same key with other parameters or on another endpoint is a 400 `idempotency_error`, and a
 * repeat while the first is still running a 409. Keys are kept 24 h, per API key.
 */
@Injectable()
export class StripeIdempotencyInterceptor implements NestInterceptor {
  private readonly saved = new Map<string, Saved>();
  private readonly running = new Set<string>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const res = context.switchToHttp().getResponse<HttpResponse>();
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || key === '') return next.handle();

    res.setHeader('idempotency-key', key);
    const scoped = `${apiKeyOf(req) ?? ''}\n${key}`;
    const endpoint = `${req.method} ${req.path}`;
    const params = canonical(req.body ?? {});
    const prior = this.saved.get(scoped);
    if (prior && Date.now() - prior.at < KEPT_FOR_MS) {
      if (prior.endpoint !== endpoint) {
        throw idempotencyError(
          400,
          `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${prior.endpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      if (prior.params !== params) {
        throw idempotencyError(
          400,
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      res.setHeader('idempotent-replayed', 'true');
      if (prior.status >= 400) throw new HttpException(prior.body as object, prior.status);
      return of(prior.body);
    }
    if (this.running.has(scoped)) {
      throw idempotencyError(
        409,
        `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
      );
    }

    this.running.add(scoped);
    const save = (status: number, body: unknown) => {
      this.saved.delete(scoped);
      // A snapshot: the objects answered keep changing in the store, the replayed answer must not.
      this.saved.set(scoped, { endpoint, params, status, body: structuredClone(body), at: Date.now() });
      if (this.saved.size > KEPT_MAX) this.saved.delete(this.saved.keys().next().value!);
    };
    return next.handle().pipe(
      tap((body) => save(200, body)),
      catchError((error: unknown) => {
        // Declines ran the endpoint and are replayed; validation errors ran nothing and are not saved.
        if (error instanceof HttpException && error.getStatus() === 402) save(402, error.getResponse());
        throw error;
      }),
      finalize(() => this.running.delete(scoped)),
    );
  }
}

const idempotencyError = (status: number, message: string) =>
  new StripeApiException(status, { type: 'idempotency_error', message });

/** Parameters with keys sorted, so the same form in another field order is the same request. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
