import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { AccessToken, MercadoPagoApi } from './mercado-pago.api';
import { badRequest } from './mercado-pago.errors';
import type { MpPayment, MpRefund } from './mercado-pago.objects';
import { MercadoPagoPayments } from './mercado-pago.payments';
import { MercadoPagoStore } from './mercado-pago.store';

const CARD_BRANDS = ['visa', 'master', 'amex', 'elo', 'hipercard', 'cabal', 'debvisa', 'debmaster', 'debelo'];
/** Mercado Pago's smallest card payment in Brazil (R$ 0,50); Pix and account money go down to R$ 0,01. */
const CARD_MINIMUM_REAIS = 0.5;

// MP ignores fields it does not know (unlike Stripe), so these schemas strip rather than reject.
const createSchema = z.object({
  transaction_amount: z
    .number()
    .positive()
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'at most two decimal places'),
  description: z.string().max(600).optional(),
  payment_method_id: z.string().refine((id) => id === 'pix' || CARD_BRANDS.includes(id), {
    message: `pix or a card brand (${CARD_BRANDS.join(', ')})`,
  }),
  token: z.string().min(1).optional(),
  installments: z.number().int().min(1).max(24).optional(),
  issuer_id: z.union([z.string(), z.number()]).optional(),
  payer: z.object({
    email: z.email(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    identification: z.object({ type: z.string().optional(), number: z.string().optional() }).optional(),
  }),
  external_reference: z.string().max(256).optional(),
  notification_url: z.url().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  date_of_expiration: z.iso.datetime({ offset: true }).optional(),
  statement_descriptor: z.string().max(22).optional(),
  binary_mode: z.boolean().optional(),
  capture: z.boolean().optional(),
});
// Below the minimum MP answers 400 with cause 4037 (Invalid transaction_amount), as for any bad amount.
const createAboveMinimum = createSchema.refine(
  (p) => p.payment_method_id === 'pix' || p.transaction_amount >= CARD_MINIMUM_REAIS,
  {
    path: ['transaction_amount'],
    message: `must be at least ${CARD_MINIMUM_REAIS.toFixed(2)} for card payments`,
  },
);
const updateSchema = z.object({ status: z.literal('cancelled') });
const refundSchema = z.object({ amount: z.number().positive().optional() });
const searchSchema = z.object({
  external_reference: z.string().optional(),
  status: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(30),
  offset: z.coerce.number().int().min(0).default(0),
});

const parse = <T>(schema: z.ZodType<T>, input: unknown): T =>
  parseOrBadRequest(schema, input ?? {}, 'bad_request');

/**
 * Mercado Pago's Payments API (`/v1/payments`) under `/mercadopago`, where the official SDK is pointed
 * (AppConfig.BASE_URL). Payments belong to the access token's account; `X-Idempotency-Key` (which the
 * SDK always sends) makes a repeated create return the same payment.
 */
@Controller('mercadopago/v1/payments')
@MercadoPagoApi()
export class MercadoPagoHttpController {
  constructor(
    private readonly store: MercadoPagoStore,
    private readonly payments: MercadoPagoPayments,
  ) {}

  @Post()
  @HttpCode(201)
  create(
    @AccessToken() token: string,
    @Headers('x-idempotency-key') key: string | undefined,
    @Body() body: unknown,
  ): MpPayment {
    return this.payments.create(token, parse(createAboveMinimum, body), key || null);
  }

  /** Reconciliation after a timeout: find the payment by the reference the caller gave it. */
  @Get('search')
  search(@AccessToken() token: string, @Query() query: unknown) {
    const { external_reference, status, limit, offset } = parse(searchSchema, query);
    const found = this.store.search(
      token,
      (p) =>
        (external_reference === undefined || p.external_reference === external_reference) &&
        (status === undefined || p.status === status),
    );
    return { paging: { total: found.length, limit, offset }, results: found.slice(offset, offset + limit) };
  }

  @Get(':id')
  get(@AccessToken() token: string, @Param('id') id: string): MpPayment {
    return this.store.payment(id, token);
  }

  /** What the SDK's `payment.cancel` sends; other updates are not simulated. */
  @Put(':id')
  update(@AccessToken() token: string, @Param('id') id: string, @Body() body: unknown): MpPayment {
    const payment = this.store.payment(id, token);
    if (!updateSchema.safeParse(body).success) {
      throw badRequest('The sandbox simulates only {"status":"cancelled"} as a payment update');
    }
    return this.payments.cancel(payment);
  }

  @Post(':id/refunds')
  @HttpCode(201)
  refund(
    @AccessToken() token: string,
    @Param('id') id: string,
    @Headers('x-idempotency-key') key: string | undefined,
    @Body() body: unknown,
  ): MpRefund {
    const payment = this.store.payment(id, token);
    return this.payments.refund(payment, parse(refundSchema, body).amount, key || null);
  }

  @Get(':id/refunds')
  refunds(@AccessToken() token: string, @Param('id') id: string): MpRefund[] {
    return this.store.payment(id, token).refunds;
  }
}
