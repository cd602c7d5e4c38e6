import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpResponse } from '../common/http.types';
import { catchError, from, mergeMap, switchMap, type Observable } from 'rxjs';
import { FaultsService } from './faults.service';
import { HeldResponses } from './held-responses';

const SIMULATED_VENDOR = 'sandbox:simulated-vendor';

/** Marks a controller or handler as a simulated vendor's API, so its faults apply; `false` exempts. */
export const SimulatedVendor = (vendor: string | false) => SetMetadata(SIMULATED_VENDOR, vendor);

/**
 * Applies a vendor's faults around each of its calls: latency and outages before the call (nothing is
 * processed), and for `timeout` after it — the vendor did the work, the caller never hears back.
 */
@Injectable()
export class VendorFaultsInterceptor implements NestInterceptor {
  constructor(
    private readonly faults: FaultsService,
    private readonly held: HeldResponses,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const vendor = this.reflector.getAllAndOverride<string | false | undefined>(SIMULATED_VENDOR, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!vendor) return next.handle();
    const { timeout, rateLimitSeconds } = this.faults.get(vendor);
    if (rateLimitSeconds > 0) {
      // Set before the call so the 429 the faults raise leaves with it, whatever the vendor's filter.
      context.switchToHttp().getResponse<HttpResponse>().setHeader('Retry-After', String(rateLimitSeconds));
    }
    const answer = from(this.faults.apply(vendor)).pipe(switchMap(() => next.handle()));
    if (!timeout) return answer;
    const res = context.switchToHttp().getResponse<HttpResponse>();
    return answer.pipe(
      mergeMap(() => this.held.hold(res)),
      catchError(() => this.held.hold(res)),
    );
  }
}
