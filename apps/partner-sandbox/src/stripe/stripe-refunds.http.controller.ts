import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { StripeApi } from './stripe.api';
import { invalidRequest } from './stripe.errors';
import type { StripeCharge, StripeEvent, StripeRefund } from './stripe.objects';
import { expandParam, formBool, formInt, metadataParam, parseParams } from './stripe.params';
import { StripePayments } from './stripe.payments';
import { StripeRequest, type StripeRequestInfo } from './stripe.request';
import { StripeStore } from './stripe.store';

const refundSchema = z
  .object({
    payment_intent: z.string().optional(),
    charge: z.string().optional(),
    amount: formInt.optional(),
    reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
    metadata: metadataParam.optional(),
    expand: expandParam,
    instructions_email: z.string().optional(),
    refund_application_fee: formBool.optional(),
    reverse_transfer: formBool.optional(),
  })
  .strict();

/** Stripe Refunds, and the Charges and Events they and the PaymentIntents leave behind. */
@Controller('v1')
@StripeApi()
export class StripeRefundsHttpController {
  constructor(
    private readonly store: StripeStore,
    private readonly payments: StripePayments,
  ) {}

  /** Refunds a PaymentIntent's (or a charge's) succeeded charge, fully or in part. */
  @Post('refunds')
  @HttpCode(200)
  refund(@Body() body: unknown, @StripeRequest() request: StripeRequestInfo): StripeRefund {
    const input = parseParams(refundSchema, body);
    return this.payments.refund(this.chargeToRefund(input), input, request);
  }

  @Get('refunds/:id')
  getRefund(@Param('id') id: string): StripeRefund {
    return this.store.refund(id);
  }

  @Get('charges/:id')
  getCharge(@Param('id') id: string): StripeCharge {
    return this.store.charge(id);
  }

  @Get('events/:id')
  getEvent(@Param('id') id: string): StripeEvent {
    return this.store.event(id);
  }

  private chargeToRefund(input: z.infer<typeof refundSchema>): StripeCharge {
    if (input.charge) {
      const charge = this.store.charge(input.charge, 'charge');
      if (input.payment_intent && charge.payment_intent !== input.payment_intent) {
        throw invalidRequest(
          `Charge ${charge.id} does not belong to PaymentIntent ${input.payment_intent}.`,
          'payment_intent',
        );
      }
      return charge;
    }
    if (!input.payment_intent) {
      throw invalidRequest(
        'One of the following params should be provided for this request: payment_intent or charge.',
      );
    }
    const pi = this.store.paymentIntent(input.payment_intent, 'payment_intent');
    const charge = pi.latest_charge ? this.store.charge(pi.latest_charge) : null;
    if (pi.status !== 'succeeded' || !charge || charge.status !== 'succeeded') {
      throw invalidRequest(
        `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
        'payment_intent',
      );
    }
    return charge;
  }
}
