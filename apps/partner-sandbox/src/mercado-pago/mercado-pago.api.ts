import { Injectable, createParamDecorator, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { VendorApi } from '../faults/vendor-faults.interceptor';
import { MercadoPagoApiException, MercadoPagoExceptionFilter } from './mercado-pago.errors';

const tokenOf = (req: HttpRequest): string | null =>
  /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;

/** `Authorization: Bearer TEST-…` (a test access token); anything else is MP's 401. */
@Injectable()
export class MercadoPagoAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const token = tokenOf(context.switchToHttp().getRequest<HttpRequest>());
    if (!token?.startsWith('TEST-')) {
      throw new MercadoPagoApiException(401, 'unauthorized', 'invalid access token', [
        {
          code: 'unauthorized',
          description: token
            ? 'invalid access token (the sandbox accepts test tokens, TEST-…)'
            : 'missing Authorization: Bearer <access token>',
          data: null,
        },
      ]);
    }
    return true;
  }
}

/** The caller's access token (payments and idempotency keys belong to its account). */
export const AccessToken = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string => tokenOf(ctx.switchToHttp().getRequest<HttpRequest>()) ?? '',
);

/** What every Mercado Pago API controller is: token check, faults, MP's error shape. */
export const MercadoPagoApi = () =>
  VendorApi('mercadopago', MercadoPagoAuthGuard, MercadoPagoExceptionFilter);
