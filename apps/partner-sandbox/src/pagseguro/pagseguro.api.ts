import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { VendorApi } from '../faults/vendor-faults.interceptor';
import { PagSeguroApiException, PagSeguroExceptionFilter } from './pagseguro.errors';

export const bearerToken = (req: HttpRequest): string | null =>
  /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;

/** Any `Authorization: Bearer <token>`; without one, PagBank's 401. */
@Injectable()
export class PagSeguroAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (!bearerToken(context.switchToHttp().getRequest<HttpRequest>())) {
      throw new PagSeguroApiException(401, {
        code: 'UNAUTHORIZED',
        description: 'Invalid credential. Review AUTHORIZATION header',
      });
    }
    return true;
  }
}

/** What every PagBank controller is: token check, faults, PagBank's error shape. */
export const PagSeguroApi = () => VendorApi('pagseguro', PagSeguroAuthGuard, PagSeguroExceptionFilter);
