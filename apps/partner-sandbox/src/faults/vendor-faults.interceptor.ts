import {
  Injectable,
  SetMetadata,
  UseFilters,
  UseGuards,
  UseInterceptors,
  applyDecorators,
  type CanActivate,
  type ExceptionFilter,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpResponse } from '../common/http.types';
import { catchError, from, mergeMap, switchMap, throwError, type Observable } from 'rxjs';
import { FaultsService, TooManyRequestsFault } from './faults.service';
import { HeldResponses } from './held-responses';

const SIMULATED_VENDOR = 'sandbox:simulated-vendor';

/** Marks a controller or handler as a simulated vendor's API, so its faults apply; `false` exempts. */
export const SimulatedVendor = (vendor: string | false) => SetMetadata(SIMULATED_VENDOR, vendor);

type Type<T> = new (...args: never[]) => T;

/**
 * What every controller of a simulated vendor is: the vendor's own request check (`guard`), its faults
 * (then any `interceptors` of its own), and its error shape (`filter`).
 */
export const VendorApi = (
  vendor: string,
  guard: Type<CanActivate>,
  filter: Type<ExceptionFilter>,
  ...interceptors: Type<NestInterceptor>[]
) =>
  applyDecorators(
    SimulatedVendor(vendor),
    UseGuards(guard),
    UseInterceptors(VendorFaultsInterceptor, ...interceptors),
    UseFilters(filter),
  );

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
    const timeout = this.faults.get(vendor).timeout;
    const res = context.switchToHttp().getResponse<HttpResponse>();
    const answer = from(this.faults.apply(vendor)).pipe(
      // Set here, before any vendor's exception filter writes its body, so every vendor's 429 has it.
      catchError((error: unknown) => {
        if (error instanceof TooManyRequestsFault)
          res.setHeader('Retry-After', String(error.retryAfterSeconds));
        return throwError(() => error);
      }),
      switchMap(() => next.handle()),
    );
    if (!timeout) return answer;
    return answer.pipe(
      mergeMap(() => this.held.hold(res)),
      catchError(() => this.held.hold(res)),
    );
  }
}
