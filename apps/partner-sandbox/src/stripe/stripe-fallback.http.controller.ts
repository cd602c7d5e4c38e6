import { All, Controller, Req } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { StripeApi } from './stripe.api';
import { invalidRequest } from './stripe.errors';

/**
 * Any other `/v1/…` call: Stripe's "Unrecognized request URL" (in Stripe's shape, which the SDK reads)
 * rather than Nest's 404 body. Registered after the Stripe controllers.
 */
@Controller('v1')
@StripeApi()
export class StripeFallbackHttpController {
  @All('*path')
  unknown(@Req() req: HttpRequest): never {
    throw invalidRequest(
      `Unrecognized request URL (${req.method}: ${req.path}). The sandbox simulates customers, payment_methods, payment_intents, refunds, charges and events.`,
      undefined,
      undefined,
      404,
    );
  }
}
