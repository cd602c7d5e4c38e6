import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  UnprocessableEntityException,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import {
  PaymentsCreateTopUpV1,
  PaymentsGetPaymentV1,
  PaymentsGetWalletV1,
  PaymentsSavePaymentMethodV1,
  type Envelope,
  type PaymentsCreateTopUpResultV1,
  type PaymentsGetPaymentResultV1,
  type PaymentsGetWalletResultV1,
  type PaymentsSavePaymentMethodResultV1,
} from '@sportclub/contracts';
import { CommandClient } from '@sportclub/messaging';
import { forward } from '../forward';
import { fieldProblems } from '@sportclub/service-kit';
import { AuthGuard, CurrentPrincipal, isStaff } from '../auth/auth.guard';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import { idFor, idempotencyKeyProblem } from '../idempotency';

const memberIdSchema = z.string().regex(/^[\x21-\x7e]{1,100}$/, '1–100 visible characters');
const topUpSchema = z
  .object({
    /** R$ 1,00 to R$ 5.000,00 per top-up. */
    amountCentavos: z.number().int().min(100).max(500_000),
    method: z.enum(['card', 'pix']),
  })
  .strict();
const paymentMethodSchema = z.object({ token: z.string().min(1).max(200) }).strict();

/**
 * A member's wallet, top-ups and saved card, asked of payments over RabbitMQ request/reply. The tenant
 * is always the caller's, so another club's wallet or payment cannot be named at all (404); members see
 * and act only on their own.
 */
@ApiTags('wallet')
@ApiBearerAuth()
@ApiResponse({ status: 503, description: 'payments did not answer in time' })
@Controller('v1/wallet')
@UseGuards(AuthGuard, RateLimitGuard)
export class WalletHttpController {
  constructor(private readonly commands: CommandClient) {}

  @Get()
  @ApiQuery({ name: 'memberId', required: false, description: 'staff only; members get their own' })
  async get(@CurrentPrincipal() p: Principal, @Query('memberId') memberId?: string) {
    const member = this.memberFor(p, memberId);
    const reply = await this.ask<PaymentsGetWalletResultV1>(
      PaymentsGetWalletV1.envelope({ ...this.from(p, member), data: { memberId: member, ledgerLimit: 50 } }),
    );
    return reply.data;
  }

  @Post('top-ups')
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'the same key answers the same top-up' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['amountCentavos', 'method'],
      properties: {
        amountCentavos: { type: 'integer', minimum: 100, maximum: 500000 },
        method: { enum: ['card', 'pix'] },
      },
    },
  })
  @ApiResponse({
    status: 201,
    description:
      'pending with a client secret (card, confirmed in the app) or a Pix QR code; credited when paid',
  })
  async topUp(
    @CurrentPrincipal() p: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: unknown,
  ) {
    const parsed = topUpSchema.safeParse(body ?? {});
    const problems = [...idempotencyKeyProblem(key), ...(parsed.success ? [] : fieldProblems(parsed.error))];
    if (problems.length > 0 || !parsed.success)
      throw new BadRequestException({ error: 'invalid_top_up', problems });
    const paymentId = idFor('top-up', p.tenantId, key!);
    const reply = await this.ask<PaymentsCreateTopUpResultV1>(
      PaymentsCreateTopUpV1.envelope({
        ...this.from(p, paymentId),
        data: { paymentId, memberId: p.subject, ...parsed.data },
      }),
      10_000,
    );
    return reply.data;
  }

  @Get('top-ups/:paymentId')
  @ApiResponse({ status: 404, description: 'no such top-up for this member (or club)' })
  async payment(@CurrentPrincipal() p: Principal, @Param('paymentId') paymentId: string) {
    const id = memberIdSchema.safeParse(paymentId);
    if (!id.success) throw new NotFoundException({ error: 'payment_not_found', field: 'paymentId' });
    const reply = await this.ask<PaymentsGetPaymentResultV1>(
      PaymentsGetPaymentV1.envelope({
        ...this.from(p, paymentId),
        data: { paymentId, ...(!isStaff(p) && { memberId: p.subject }) },
      }),
    );
    if (!reply.data.payment) throw new NotFoundException({ error: 'payment_not_found', field: 'paymentId' });
    return reply.data.payment;
  }

  @Put('payment-method')
  @ApiBody({ schema: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } } })
  @ApiResponse({
    status: 200,
    description: "the card saved at the club's provider for top-ups when credit is short",
  })
  @ApiResponse({ status: 422, description: 'the provider refused the card' })
  async savePaymentMethod(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    const parsed = paymentMethodSchema.safeParse(body ?? {});
    if (!parsed.success) {
      throw new BadRequestException({
        error: 'invalid_payment_method',
        problems: fieldProblems(parsed.error),
      });
    }
    const reply = await this.ask<PaymentsSavePaymentMethodResultV1>(
      PaymentsSavePaymentMethodV1.envelope({
        ...this.from(p, p.subject),
        data: { memberId: p.subject, token: parsed.data.token },
      }),
      10_000,
    );
    if (reply.data.outcome !== 'saved') {
      throw new UnprocessableEntityException({
        error: 'card_refused',
        field: 'token',
        reason: reply.data.reason,
      });
    }
    return reply.data.method;
  }

  private memberFor(p: Principal, memberId: string | undefined): string {
    if (memberId === undefined) return p.subject;
    const parsed = memberIdSchema.safeParse(memberId);
    if (!parsed.success) {
      throw new BadRequestException({
        error: 'invalid_member',
        field: 'memberId',
        reason: parsed.error.issues[0].message,
      });
    }
    if (memberId !== p.subject && !isStaff(p)) {
      throw new ForbiddenException({ error: 'forbidden', reason: 'members can only see their own wallet' });
    }
    return memberId;
  }

  private from(p: Principal, subject: string) {
    return { source: 'access-gateway', tenantId: p.tenantId, subject };
  }

  private ask<R>(envelope: Envelope, timeoutMs = 3_000): Promise<Envelope<R>> {
    return forward<R>(this.commands, envelope, 'payments', timeoutMs);
  }
}
