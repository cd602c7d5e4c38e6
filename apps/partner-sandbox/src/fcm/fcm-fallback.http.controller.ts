import { All, Controller, Req, UseFilters } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { FcmApiException, FcmExceptionFilter } from './fcm.errors';

/**
 * Any other `/v1/projects/…` call: Google's 404 rather than Stripe's (whose catch-all owns the rest
 * of `/v1`). Registered after the FCM controller and before Stripe's.
 */
@Controller('v1/projects')
@UseFilters(FcmExceptionFilter)
export class FcmFallbackHttpController {
  @All('*path')
  unknown(@Req() req: HttpRequest): never {
    throw new FcmApiException(
      404,
      `${req.method} ${req.path} is not simulated (the sandbox has POST /v1/projects/{projectId}/messages:send).`,
    );
  }
}
