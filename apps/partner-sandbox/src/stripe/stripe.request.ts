import {
  Injectable,
  SetMetadata,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest, HttpResponse } from '../common/http.types';
import { invalidRequest } from './stripe.errors';
import { stripeId } from './stripe.objects';

/** What an event remembers about the API request that caused it (`event.request`). */
export interface StripeRequestInfo {
  requestId: string;
  idempotencyKey: string | null;
  /** The `Stripe-Version` the caller pinned; events are rendered in it. */
  apiVersion: string | null;
  /** Made with a publishable key (the member's app): it must prove the intent's client secret. */
  publishable: boolean;
}

const PUBLISHABLE = 'sandbox:stripe-publishable-key-allowed';
/** Routes the member's app may call with a publishable key `pk_test_…` plus the client secret. */
export const PublishableKeyAllowed = () => SetMetadata(PUBLISHABLE, true);

const header = (req: HttpRequest, name: string): string | null => {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
};

/**
 * First on every Stripe call: stamps the `request-id` Stripe answers with (also on errors), then checks
 * `Authorization: Bearer sk_test_…` — a live or malformed key is refused with Stripe's 401. Routes
 * marked PublishableKeyAllowed also take `pk_test_…`.
 */
@Injectable()
export class StripeRequestGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<HttpRequest>();
    context.switchToHttp().getResponse<HttpResponse>().setHeader('request-id', stripeId('req', 14));
    const key = apiKeyOf(req);
    if (!key) {
      throw invalidRequest(
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
        undefined,
        undefined,
        401,
      );
    }
    const publishableOk = this.reflector.get<boolean | undefined>(PUBLISHABLE, context.getHandler());
    if (!key.startsWith('sk_test_') && !(publishableOk && key.startsWith('pk_test_'))) {
      throw invalidRequest(
        `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)} (the sandbox accepts test keys, sk_test_…)`,
        undefined,
        'api_key_invalid',
        401,
      );
    }
    return true;
  }
}

/**
 * The API key of a request: `Bearer <key>` (what the SDK sends) or Basic with the key as user name
 * (`curl -u sk_test_…:`), both of which Stripe accepts. Idempotency keys are scoped per API key.
 */
export function apiKeyOf(req: HttpRequest): string | undefined {
  const [scheme, value] = (header(req, 'authorization') ?? '').split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return value || undefined;
  if (/^basic$/i.test(scheme) && value)
    return Buffer.from(value, 'base64').toString().split(':')[0] || undefined;
  return undefined;
}

export const StripeRequest = createParamDecorator((_: unknown, ctx: ExecutionContext): StripeRequestInfo => {
  const req = ctx.switchToHttp().getRequest<HttpRequest>();
  const res = ctx.switchToHttp().getResponse<HttpResponse>();
  return {
    requestId: String(res.getHeader('request-id')),
    idempotencyKey: header(req, 'idempotency-key'),
    apiVersion: header(req, 'stripe-version'),
    publishable: apiKeyOf(req)?.startsWith('pk_test_') ?? false,
  };
});
