import {
  ConflictException,
  Injectable,
  SetMetadata,
  createParamDecorator,
  UnprocessableEntityException,
  UseInterceptors,
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Principal } from '@sportclub/auth';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { IDEMPOTENT_ROUTE } from '../shared/interface/request-validation.interceptor';
import { idempotencyKeySchema, requestFingerprint } from './idempotency-key';
import { IdempotencyRepository, type IdempotencyScope } from './idempotency.repository';

/** An in-flight claim this old is from a request whose process died; a retry may take it over. */
const STALE_MS = 60_000;

interface Req {
  method: string;
  route?: { path: string };
  headers: Record<string, string | undefined>;
  body?: unknown;
  principal: Principal;
}

/**
 * `Idempotency-Key` on a route that creates something (IETF httpapi idempotency-key draft): the key is
 * bound to the caller, the route and a fingerprint of the body. The same request again answers the
 * first answer; the same key with another body is refused (422); while the first is still running a
 * duplicate is refused (409); a request that failed frees its key. Every route that takes the header
 * goes through this one mechanism.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly records: IdempotencyRepository) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.handle(ctx, next));
  }

  private async handle(ctx: ExecutionContext, next: CallHandler): Promise<unknown> {
    const req = ctx.switchToHttp().getRequest<Req>();
    const res = ctx.switchToHttp().getResponse<{ status(code: number): unknown }>();
    // Validated with the rest of the request (RequestValidationInterceptor) before this runs.
    const key = idempotencyKeySchema.parse(req.headers['idempotency-key']);
    const route = `${req.method} ${req.route?.path ?? ''}`;
    const scope: IdempotencyScope = {
      tenantId: req.principal.tenantId,
      caller: req.principal.subject,
      route,
      key,
    };
    const claim = await this.records.claim(
      scope,
      requestFingerprint(scope.caller, route, req.body),
      STALE_MS,
    );
    if (claim.outcome === 'mismatch') {
      throw new UnprocessableEntityException({
        error: 'idempotency_key_reused',
        field: 'Idempotency-Key',
        reason: 'this key was used for a different request; use a new key for a new request',
      });
    }
    if (claim.outcome === 'in-flight') {
      throw new ConflictException({
        error: 'request_in_progress',
        field: 'Idempotency-Key',
        reason: 'a request with this key is still being processed; retry later',
      });
    }
    if (claim.outcome === 'done') {
      res.status(claim.statusCode);
      return claim.response;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      // The route's declared status (Nest sets it on the response only after interceptors).
      const declared = Reflect.getMetadata(HTTP_CODE_METADATA, ctx.getHandler()) as number | undefined;
      await this.records.complete(scope, declared ?? (req.method === 'POST' ? 201 : 200), body);
      return body;
    } catch (error) {
      // A refusal (4xx) or a failure frees the key: the same request may be retried.
      await this.records.release(scope).catch(() => undefined);
      throw error;
    }
  }
}

/** Marks a route as taking a required `Idempotency-Key` header. */
export const Idempotent = (description: string) =>
  applyDecorators(
    SetMetadata(IDEMPOTENT_ROUTE, true),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description: `${description}; 8–200 visible ASCII characters, bound to the caller, route and body`,
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]{8,200}$' },
    }),
  );

/** The validated `Idempotency-Key` of an `@Idempotent` route (documented by `@Idempotent`, not twice). */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string =>
  idempotencyKeySchema.parse(ctx.switchToHttp().getRequest<Req>().headers['idempotency-key']),
);
