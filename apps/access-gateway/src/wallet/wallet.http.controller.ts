import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  Query,
  ServiceUnavailableException,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@sportclub/auth';
import { PaymentsGetWalletV1, type PaymentsGetWalletResultV1 } from '@sportclub/contracts';
import { CommandClient, RequestTimeoutError } from '@sportclub/messaging';
import { AuthGuard, CurrentPrincipal, isStaff } from '../auth/auth.guard';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';

/**
 * A member's wallet, asked of payments over RabbitMQ request/reply. The tenant is always the caller's,
 * so another club's wallet cannot be named at all; members see only their own.
 */
@ApiTags('wallet')
@ApiBearerAuth()
@Controller('v1/wallet')
@UseGuards(AuthGuard, RateLimitGuard)
export class WalletHttpController {
  constructor(private readonly commands: CommandClient) {}

  @Get()
  @ApiQuery({ name: 'memberId', required: false, description: 'staff only; members get their own' })
  @ApiResponse({ status: 503, description: 'payments did not answer in time' })
  async get(
    @CurrentPrincipal() p: Principal,
    @Query('memberId') memberId?: string,
  ): Promise<PaymentsGetWalletResultV1> {
    const staff = isStaff(p);
    if (memberId !== undefined && !/^[\x21-\x7e]{1,100}$/.test(memberId)) {
      throw new BadRequestException({
        error: 'invalid_member',
        field: 'memberId',
        reason: '1–100 visible characters',
      });
    }
    if (memberId && memberId !== p.subject && !staff) {
      throw new ForbiddenException({ error: 'forbidden', reason: 'members can only see their own wallet' });
    }
    try {
      const reply = await this.commands.request<PaymentsGetWalletResultV1>(
        PaymentsGetWalletV1.envelope({
          source: 'access-gateway',
          tenantId: p.tenantId,
          subject: memberId ?? p.subject,
          data: { memberId: memberId ?? p.subject, ledgerLimit: 50 },
        }),
        3_000,
      );
      return reply.data;
    } catch (error) {
      if (error instanceof RequestTimeoutError) {
        throw new ServiceUnavailableException({
          error: 'payments_unavailable',
          reason: 'payments did not answer in time',
        });
      }
      throw error;
    }
  }
}
