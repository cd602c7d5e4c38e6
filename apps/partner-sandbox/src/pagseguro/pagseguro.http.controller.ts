import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { PagSeguroApi, bearerToken } from './pagseguro.api';
import { PagSeguroCharges } from './pagseguro.charges';
import type { PagCharge } from './pagseguro.objects';

/** PagBank charges R$ 1,00 at least (and at most R$ 9.999.999,00), in centavos. */
const CHARGE_VALUE = z
  .number()
  .int()
  .min(100, 'must be between 100 and 999999900')
  .max(999_999_900, 'must be between 100 and 999999900');

const createSchema = z.object({
  reference_id: z.string().max(64).optional(),
  description: z.string().max(64).optional(),
  amount: z.object({ value: CHARGE_VALUE, currency: z.literal('BRL') }),
  payment_method: z.object({
    type: z.enum(['CREDIT_CARD', 'DEBIT_CARD']),
    installments: z.number().int().min(1).max(18),
    capture: z.boolean().default(true),
    soft_descriptor: z.string().max(17).optional(),
    card: z.object({
      id: z.string().min(1).optional(),
      encrypted: z.string().min(1).optional(),
      number: z.string().optional(),
      exp_month: z.union([z.string(), z.number()]).optional(),
      exp_year: z.union([z.string(), z.number()]).optional(),
      security_code: z.string().optional(),
      holder: z.object({ name: z.string().optional() }).optional(),
      store: z.boolean().optional(),
    }),
  }),
  notification_urls: z.array(z.url()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
const amountSchema = z.object({ amount: z.object({ value: z.number().int().min(1) }) });

const parse = <T>(schema: z.ZodType<T>, input: unknown): T =>
  parseOrBadRequest(schema, input ?? {}, 'invalid_parameter');
const baseOf = (req: HttpRequest) => `${req.protocol}://${req.get('host')}/pagseguro`;

/**
 * PagBank's Charges API (no official Node SDK: plain HTTP) under `/pagseguro`: card charges, capture
 * and cancel/refund. `x-idempotency-key` makes a repeated create return the same charge.
 */
@Controller('pagseguro/charges')
@PagSeguroApi()
export class PagSeguroHttpController {
  constructor(private readonly charges: PagSeguroCharges) {}

  @Post()
  @HttpCode(201)
  create(
    @Req() req: HttpRequest,
    @Headers('x-idempotency-key') key: string | undefined,
    @Body() body: unknown,
  ): PagCharge {
    return this.charges.create(bearerToken(req) ?? '', key || null, parse(createSchema, body), baseOf(req));
  }

  @Get(':id')
  get(@Param('id') id: string): PagCharge {
    return this.charges.get(id);
  }

  @Post(':id/capture')
  @HttpCode(201)
  capture(@Req() req: HttpRequest, @Param('id') id: string, @Body() body: unknown): PagCharge {
    const { amount } = parse(amountSchema, body);
    return this.charges.capture(this.charges.get(id), amount.value, baseOf(req));
  }

  /** A refund of a paid charge (in full or in part) or the void of an authorized one. */
  @Post(':id/cancel')
  @HttpCode(201)
  cancel(@Req() req: HttpRequest, @Param('id') id: string, @Body() body: unknown): PagCharge {
    const { amount } = parse(amountSchema, body);
    return this.charges.cancel(this.charges.get(id), amount.value, baseOf(req));
  }
}
