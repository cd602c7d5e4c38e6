import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { StripeApi } from './stripe.api';
import { invalidRequest } from './stripe.errors';
import { now, stripeId, type StripePaymentIntent } from './stripe.objects';
import { expandParam, formBool, formInt, metadataParam, parseParams } from './stripe.params';
import { StripePayments } from './stripe.payments';
import { PublishableKeyAllowed, StripeRequest, type StripeRequestInfo } from './stripe.request';
import { StripeStore } from './stripe.store';

const offSession = z.preprocess(
  (v) => (v === 'true' ? true : v === 'false' ? false : v),
  z.union([z.boolean(), z.enum(['one_off', 'recurring'])]),
);
const types = z.array(z.string());
/** Parameters integrations send that the sandbox accepts, as Stripe does, without simulating them. */
const accepted = {
  allowed_payment_method_types: types.optional(),
  excluded_payment_method_types: types.optional(),
  amount_details: z.unknown().optional(),
  confirmation_token: z.unknown().optional(),
  hooks: z.unknown().optional(),
  mandate: z.unknown().optional(),
  payment_details: z.unknown().optional(),
  return_url: z.string().optional(),
  receipt_email: z.string().optional(),
  setup_future_usage: z.enum(['off_session', 'on_session']).optional(),
  error_on_requires_action: formBool.optional(),
  use_stripe_sdk: formBool.optional(),
  payment_method_options: z.unknown().optional(),
  mandate_data: z.unknown().optional(),
  shipping: z.unknown().optional(),
  radar_options: z.unknown().optional(),
  expand: expandParam,
};
const createSchema = z
  .object({
    amount: formInt.pipe(z.number().min(1).max(99_999_999)),
    currency: z
      .string()
      .regex(/^[a-zA-Z]{3}$/)
      .transform((c) => c.toLowerCase()),
    customer: z.string().optional(),
    payment_method: z.string().optional(),
    confirm: formBool.optional(),
    off_session: offSession.optional(),
    description: z.string().max(1000).optional(),
    metadata: metadataParam.optional(),
    payment_method_types: types.optional(),
    automatic_payment_methods: z
      .object({ enabled: formBool, allow_redirects: z.enum(['always', 'never']).optional() })
      .strict()
      .optional(),
    capture_method: z.enum(['automatic', 'automatic_async', 'manual']).optional(),
    confirmation_method: z.enum(['automatic', 'manual']).optional(),
    statement_descriptor: z.string().max(22).optional(),
    statement_descriptor_suffix: z.string().max(22).optional(),
    application_fee_amount: z.unknown().optional(),
    customer_account: z.unknown().optional(),
    on_behalf_of: z.unknown().optional(),
    payment_method_configuration: z.unknown().optional(),
    transfer_data: z.unknown().optional(),
    transfer_group: z.unknown().optional(),
    ...accepted,
  })
  .strict();
const confirmSchema = z
  .object({
    payment_method: z.string().optional(),
    off_session: offSession.optional(),
    client_secret: z.string().optional(),
    ...accepted,
  })
  .strict();
const cancelSchema = z
  .object({
    cancellation_reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned']).optional(),
    expand: expandParam,
  })
  .strict();
const retrieveSchema = z.object({ client_secret: z.string().optional(), expand: expandParam }).strict();

/**
 * Stripe PaymentIntents: created unconfirmed (the app confirms with the client secret) or confirmed at
 * once (an off-session charge of a saved card), retrieved and canceled. `expand` works for
 * `latest_charge`, `payment_method` and `customer`.
 */
@Controller('v1/payment_intents')
@StripeApi()
export class StripePaymentIntentsHttpController {
  constructor(
    private readonly store: StripeStore,
    private readonly payments: StripePayments,
  ) {}

  @Post()
  @HttpCode(200)
  create(@Body() body: unknown, @StripeRequest() request: StripeRequestInfo) {
    const input = parseParams(createSchema, body);
    this.check(input);
    if (input.customer) this.store.customer(input.customer, 'customer');
    const pm = input.payment_method
      ? this.payments.resolvePaymentMethod(input.payment_method, 'payment_method')
      : null;
    const id = stripeId('pi');
    const listed = input.allowed_payment_method_types ?? input.payment_method_types;
    const pi: StripePaymentIntent = {
      id,
      object: 'payment_intent',
      amount: input.amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: input.currency,
      customer: input.customer ?? null,
      payment_method: pm?.id ?? null,
      payment_method_types: listed ?? ['card'],
      allowed_payment_method_types: input.allowed_payment_method_types ?? null,
      excluded_payment_method_types: input.excluded_payment_method_types ?? null,
      automatic_payment_methods: listed
        ? null
        : { enabled: true, allow_redirects: input.automatic_payment_methods?.allow_redirects ?? 'always' },
      status: pm ? 'requires_confirmation' : 'requires_payment_method',
      client_secret: `${id}_secret_${randomBytes(13).toString('base64url').replace(/[-_]/g, 'x')}`,
      capture_method: input.capture_method === 'automatic_async' ? 'automatic_async' : 'automatic',
      confirmation_method: input.confirmation_method ?? 'automatic',
      setup_future_usage: input.setup_future_usage ?? null,
      created: now(),
      canceled_at: null,
      cancellation_reason: null,
      description: input.description ?? null,
      metadata: input.metadata ?? {},
      latest_charge: null,
      last_payment_error: null,
      next_action: null,
      receipt_email: input.receipt_email ?? null,
      statement_descriptor: input.statement_descriptor ?? null,
      statement_descriptor_suffix: input.statement_descriptor_suffix ?? null,
      application_fee_amount: null,
      on_behalf_of: null,
      payment_method_options: null,
      processing: null,
      review: null,
      shipping: null,
      transfer_group: null,
      livemode: false,
    };
    this.store.paymentIntents.set(pi.id, pi);
    this.payments.created(pi, request);
    if (input.confirm) this.payments.confirm(pi, undefined, request);
    return this.expand(pi, input.expand);
  }

  @Get(':id')
  @PublishableKeyAllowed()
  retrieve(@Param('id') id: string, @Query() query: unknown, @StripeRequest() request: StripeRequestInfo) {
    const pi = this.store.paymentIntent(id);
    const input = parseParams(retrieveSchema, query);
    this.proveClientSecret(pi, input.client_secret, request);
    return this.expand(pi, input.expand);
  }

  /** What the member's app does with the client secret (or the server, with its secret key). */
  @Post(':id/confirm')
  @HttpCode(200)
  @PublishableKeyAllowed()
  confirm(@Param('id') id: string, @Body() body: unknown, @StripeRequest() request: StripeRequestInfo) {
    const pi = this.store.paymentIntent(id);
    const input = parseParams(confirmSchema, body);
    this.proveClientSecret(pi, input.client_secret, request);
    return this.expand(this.payments.confirm(pi, input.payment_method, request), input.expand);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id') id: string, @Body() body: unknown, @StripeRequest() request: StripeRequestInfo) {
    const pi = this.store.paymentIntent(id);
    const input = parseParams(cancelSchema, body);
    return this.expand(this.payments.cancel(pi, input.cancellation_reason, request), input.expand);
  }

  private check(input: z.infer<typeof createSchema>): void {
    for (const param of ['payment_method_types', 'allowed_payment_method_types'] as const) {
      if (input[param] && input.automatic_payment_methods) {
        throw invalidRequest(
          `You may only specify one of these parameters: automatic_payment_methods, ${param}.`,
          'automatic_payment_methods',
        );
      }
      const other = input[param]?.find((t) => t !== 'card');
      if (other) {
        throw invalidRequest(
          `The payment method type "${other}" is not simulated by the sandbox (card only; Pix goes through Mercado Pago).`,
          param,
        );
      }
    }
    if (input.capture_method === 'manual') {
      throw invalidRequest('capture_method=manual is not simulated by the sandbox.', 'capture_method');
    }
    if (input.amount < 50) {
      throw invalidRequest(`Amount must be at least 0.50 ${input.currency}`, 'amount', 'amount_too_small');
    }
    if (input.off_session !== undefined && input.off_session !== false && !input.confirm) {
      throw invalidRequest('`off_session` can only be set when `confirm` is true.', 'off_session');
    }
  }

  private proveClientSecret(pi: StripePaymentIntent, secret: string | undefined, request: StripeRequestInfo) {
    if (secret === undefined && !request.publishable) return;
    if (secret !== pi.client_secret) {
      throw invalidRequest(
        'The client_secret provided does not match the client_secret associated with the PaymentIntent.',
        'client_secret',
      );
    }
  }

  private expand(pi: StripePaymentIntent, expand: string[] | undefined) {
    if (!expand?.length) return pi;
    const out: Record<string, unknown> = { ...pi };
    if (expand.includes('latest_charge') && pi.latest_charge)
      out.latest_charge = this.store.charge(pi.latest_charge);
    if (expand.includes('payment_method') && pi.payment_method) {
      out.payment_method = this.store.paymentMethod(pi.payment_method);
    }
    if (expand.includes('customer') && pi.customer) out.customer = this.store.customer(pi.customer);
    return out;
  }
}
