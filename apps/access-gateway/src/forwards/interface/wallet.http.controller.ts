import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import {
  PaymentsCreateTopUpResultV1,
  PaymentsCreateTopUpV1,
  PaymentsGetPaymentResultV1,
  PaymentsGetPaymentV1,
  PaymentsGetWalletResultV1,
  PaymentsGetWalletV1,
  PaymentsSavePaymentMethodResultV1,
  PaymentsSavePaymentMethodV1,
  type Envelope,
  type MessageDefinition,
} from '@sportclub/contracts';
import { CommandClient } from '@sportclub/messaging';
import { CurrentPrincipal, MEMBER, MEMBER_OR_STAFF, Roles, isStaff } from '../../auth/auth.guard';
import { IdempotencyKey, Idempotent } from '../../idempotency/idempotency.interceptor';
import { idFor } from '../../idempotency/idempotency-key';
import { GetMemberHandler } from '../../members/application/get-member/get-member.handler';
import { ApiErrors, memberIdSchema } from '../../shared/interface/http-contract';
import { forward } from './forward';
import { memberAsked } from './member-asked';

class WalletQueryDto extends createZodDto(
  z.object({ memberId: memberIdSchema.optional().describe('staff only; members get their own') }).strict(),
) {}
class TopUpDto extends createZodDto(
  z
    .object({
      amountCentavos: z.number().int().min(100).max(500_000).describe('R$ 1,00 to R$ 5.000,00'),
      method: z.enum(['card', 'pix']),
    })
    .strict(),
) {}
class PaymentParamsDto extends createZodDto(z.object({ paymentId: memberIdSchema })) {}
class PaymentMethodDto extends createZodDto(
  z.object({ token: z.string().min(1).max(200).describe("the provider's card token") }).strict(),
) {}

/** The answer of a forwarded route: the reply's data, documented by the contract's own JSON Schema. */
const replyDoc = (reply: MessageDefinition, description: string, path?: string, status = 200) =>
  ApiResponse({
    status,
    description,
    schema: (path ? (reply.schema.properties as Record<string, object>)[path] : reply.schema) as object,
  });

/**
 * A member's wallet, top-ups and saved card, asked of payments over RabbitMQ request/reply. The tenant
 * is always the caller's, so another club's wallet or payment cannot be named at all (404); members see
 * and act only on their own; staff only on their own club's members.
 */
@ApiTags('wallet')
@ApiBearerAuth()
@ApiErrors(401, 403, 429, 503)
@Controller('v1/wallet')
export class WalletHttpController {
  constructor(
    private readonly commands: CommandClient,
    private readonly members: GetMemberHandler,
  ) {}

  @Get()
  @Roles(...MEMBER_OR_STAFF)
  @replyDoc(PaymentsGetWalletResultV1, 'balances (centavos) and the latest ledger postings')
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() p: Principal, @Query() q: WalletQueryDto) {
    const member = await memberAsked(this.members, p, q.memberId, 'members can only see their own wallet');
    const reply = await this.ask<PaymentsGetWalletResultV1>(
      PaymentsGetWalletV1.envelope({ ...this.from(p, member), data: { memberId: member, ledgerLimit: 50 } }),
    );
    return reply.data;
  }

  @Post('top-ups')
  @HttpCode(201)
  @Roles(...MEMBER)
  @Idempotent('the same key and body answer the same top-up')
  @replyDoc(
    PaymentsCreateTopUpResultV1,
    'pending with a client secret (card, confirmed in the app) or a Pix QR code; credited when paid',
    undefined,
    201,
  )
  @ApiErrors(400, [409, 'a request with this key is in flight'], [422, 'the key was used with another body'])
  async topUp(@CurrentPrincipal() p: Principal, @IdempotencyKey() key: string, @Body() body: TopUpDto) {
    // The same caller and key map to the same payment, so even a retry that takes over a request whose
    // process died cannot charge twice (payments is idempotent per payment id).
    const paymentId = idFor('top-up', p.tenantId, `${p.subject}:${key}`);
    const reply = await this.ask<PaymentsCreateTopUpResultV1>(
      PaymentsCreateTopUpV1.envelope({
        ...this.from(p, paymentId),
        data: { paymentId, memberId: p.subject, ...body },
      }),
      10_000,
    );
    return reply.data;
  }

  @Get('top-ups/:paymentId')
  @Roles(...MEMBER_OR_STAFF)
  @replyDoc(PaymentsGetPaymentResultV1, 'pending, succeeded, failed or refunded', 'payment')
  @ApiErrors(400, [404, 'no such top-up for this member (or club)'])
  async payment(@CurrentPrincipal() p: Principal, @Param() { paymentId }: PaymentParamsDto) {
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
  @Roles(...MEMBER)
  @replyDoc(PaymentsSavePaymentMethodResultV1, "the card saved at the club's provider for top-ups", 'method')
  @ApiErrors(400, [422, 'the provider refused the card'])
  async savePaymentMethod(@CurrentPrincipal() p: Principal, @Body() body: PaymentMethodDto) {
    const reply = await this.ask<PaymentsSavePaymentMethodResultV1>(
      PaymentsSavePaymentMethodV1.envelope({
        ...this.from(p, p.subject),
        data: { memberId: p.subject, token: body.token },
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

  private from(p: Principal, subject: string) {
    return { source: 'access-gateway', tenantId: p.tenantId, subject };
  }

  private ask<R>(envelope: Envelope, timeoutMs = 3_000): Promise<Envelope<R>> {
    return forward<R>(this.commands, envelope, 'payments', timeoutMs);
  }
}
