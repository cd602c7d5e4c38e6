import { VendorApi } from '../faults/vendor-faults.interceptor';
import { StripeExceptionFilter } from './stripe.errors';
import { StripeIdempotencyInterceptor } from './stripe-idempotency.interceptor';
import { StripeRequestGuard } from './stripe.request';

/**
 * What every Stripe controller is: key check and request id first, then faults (outermost, so a
 * `timeout` also holds replays), then idempotency, and Stripe's error shape for whatever is thrown.
 */
export const StripeApi = () =>
  VendorApi('stripe', StripeRequestGuard, StripeExceptionFilter, StripeIdempotencyInterceptor);
