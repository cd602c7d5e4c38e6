import {
  BadRequestException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Observable } from 'rxjs';
import type { z } from 'zod';
import { fieldProblems, type FieldProblem } from '@sportclub/service-kit';
import { idempotencyKeySchema } from '../../idempotency/idempotency-key';

/** Routes whose `Idempotency-Key` header is required (set by `@Idempotent`). */
export const IDEMPOTENT_ROUTE = 'sportclub:idempotent';

const SOURCES: Partial<Record<RouteParamtypes, 'params' | 'query' | 'body'>> = {
  [RouteParamtypes.PARAM]: 'params',
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.BODY]: 'body',
};

const ORDER = ['params', 'query', 'body', undefined];

/** U+0000 (PostgreSQL text refuses it) and unpaired UTF-16 surrogates (not text: stored as U+FFFD). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every string (key or value) in a request part that is not storable text, with its dotted path. */
export function unstorableText(value: unknown, path: string[] = []): FieldProblem[] {
  const field = path.join('.') || '(body)';
  if (typeof value === 'string') {
    return UNSTORABLE.test(value)
      ? [{ field, reason: 'contains U+0000 or an unpaired surrogate, which is not storable text' }]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorableText(v, [...path, String(i)]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      UNSTORABLE.test(k)
        ? [{ field: [...path, '(key)'].join('.'), reason: 'a key is not storable text' }]
        : unstorableText(v, [...path, k]),
    );
  }
  return [];
}

/**
 * A body sent to a route that reads none: refused rather than ignored, so `DELETE /v1/video/my-data` with
 * `{"memberId": "<someone else>"}` is not taken as done for that member. `{}` (some clients always send
 * one) and no body at all are fine.
 */
export function unexpectedBody(body: unknown): FieldProblem[] {
  const empty =
    body === undefined ||
    (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
  return empty ? [] : [{ field: 'body', reason: 'this route takes no body' }];
}

/**
 * Checks a request's path, query, body and `Idempotency-Key` against the route's zod DTOs (and every
 * string in them for text PostgreSQL cannot store) before the route runs, and answers one 400 naming every bad field at once (Nest's pipes stop at the first bad
 * parameter). The validation pipe then parses the same schemas into the handler's arguments.
 */
@Injectable()
export class RequestValidationInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<
      Record<'params' | 'query' | 'body', unknown> & {
        headers: Record<string, string | undefined>;
      }
    >();
    const [target, method] = [ctx.getClass(), ctx.getHandler().name];
    const problems: FieldProblem[] = [];
    if (Reflect.getMetadata(IDEMPOTENT_ROUTE, ctx.getHandler())) {
      const key = req.headers['idempotency-key'];
      const parsed = idempotencyKeySchema.safeParse(key);
      if (!parsed.success) {
        problems.push({
          field: 'Idempotency-Key',
          reason: key ? parsed.error.issues[0].message : 'header is required',
        });
      }
    }
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target, method) ?? {}) as Record<
      string,
      { index: number; data?: unknown }
    >;
    const types = (Reflect.getMetadata('design:paramtypes', target.prototype, method) ?? []) as unknown[];
    // Path first, then query, then body: the order a reader of the URL meets them.
    const parts = Object.entries(args)
      .map(([key, arg]) => ({ source: SOURCES[Number(key.split(':')[0]) as RouteParamtypes], arg }))
      .sort((a, b) => ORDER.indexOf(a.source!) - ORDER.indexOf(b.source!));
    // A parameter given twice is ambiguous (which one did the route read?), and one the route does not
    // take is a caller's mistake: both are named rather than read as NaN or silently ignored.
    const query = (req.query ?? {}) as Record<string, unknown>;
    const takesQuery = parts.some((p) => p.source === 'query');
    const queryProblems = Object.entries(query).flatMap(([field, value]): FieldProblem[] =>
      Array.isArray(value)
        ? [{ field, reason: 'was given more than once' }]
        : takesQuery
          ? []
          : [{ field, reason: 'is not a parameter of this route' }],
    );
    problems.push(...queryProblems);
    // A route reading the raw request (a vendor webhook) takes its body its own way.
    const readsBody = Object.keys(args).some((key) =>
      [RouteParamtypes.BODY, RouteParamtypes.REQUEST, RouteParamtypes.RAW_BODY].includes(
        Number(key.split(':')[0]) as RouteParamtypes,
      ),
    );
    if (!readsBody) problems.push(...unexpectedBody(req.body));
    for (const { source, arg } of parts) {
      const schema = (types[arg.index] as { schema?: z.ZodType } | undefined)?.schema;
      if (!source || !schema || arg.data !== undefined) continue;
      if (source === 'query' && queryProblems.length) continue; // named above, not also as a wrong type
      const text = unstorableText(req[source]);
      const result = schema.safeParse(req[source] ?? {});
      problems.push(...text, ...(result.success ? [] : fieldProblems(result.error)));
    }
    if (problems.length > 0) throw new BadRequestException({ error: 'invalid_request', problems });
    return next.handle();
  }
}
