import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { VendorApi } from '../faults/vendor-faults.interceptor';
import { GraphExceptionFilter, invalidToken } from './whatsapp-cloud.errors';

/**
 * `Authorization: Bearer EAA…` — the shape of Meta's user, system-user and page tokens. Any such token
 * works for any phone number id; another token is Graph's 190 (401).
 */
@Injectable()
export class GraphTokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<HttpRequest>().headers.authorization ?? '';
    if (!/^Bearer\s+EAA\S+$/.test(header)) throw invalidToken();
    return true;
  }
}

/** What every Graph controller is: token check, faults, Graph's error shape. */
export const GraphApi = () => VendorApi('whatsapp-cloud', GraphTokenGuard, GraphExceptionFilter);
