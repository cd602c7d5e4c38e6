import { Body, Controller, ForbiddenException, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse, createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import { CurrentPrincipal, MEMBER_OR_STAFF, Roles, isStaff } from '../../auth/auth.guard';
import { courtIdSchema } from '../../courts/interface/court-id.schema';
import { IdempotencyKey, Idempotent } from '../../idempotency/idempotency.interceptor';
import { ApiErrors, memberIdSchema } from '../../shared/interface/http-contract';
import { GetCheckInHandler } from '../application/get-check-in/get-check-in.handler';
import { StartCheckInHandler } from '../application/start-check-in/start-check-in.handler';

class StartCheckInDto extends createZodDto(
  z
    .object({
      courtId: courtIdSchema,
      memberId: memberIdSchema.optional().describe('staff only: the member checked in at the desk'),
      topUpMethod: z
        .enum(['card', 'pix'])
        .default('card')
        .describe('short credit is topped up by the saved card (default) or a Pix charge (see topUp.pix)'),
    })
    .strict(),
) {}
class CheckInParamsDto extends createZodDto(z.object({ id: z.string().max(100) })) {}

const pixSchema = z.object({
  qrCode: z.string(),
  qrCodeBase64: z.string().optional(),
  ticketUrl: z.string().optional(),
  expiresAt: z.string(),
});
class CheckInDto extends createZodDto(
  z.object({
    checkInId: z.uuid(),
    status: z.enum(['PENDING', 'COMPLETED', 'REJECTED', 'FAILED', 'NEEDS_ATTENTION']),
    step: z.string().nullable(),
    reason: z.string().nullable(),
    memberId: z.string(),
    courtId: z.string(),
    priceCentavos: z.number().int().describe('session price in centavos'),
    sessionId: z.string().nullable(),
    topUp: z
      .object({
        paymentId: z.string(),
        status: z.enum(['pending', 'succeeded', 'failed']),
        pix: pixSchema.optional(),
      })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
) {}

/** `POST /v1/check-ins` starts the check-in saga (202, poll the status); `GET` answers its state. */
@ApiTags('check-ins')
@ApiBearerAuth()
@ApiErrors(401, 403, 429)
@Controller('v1/check-ins')
export class CheckInHttpController {
  constructor(
    private readonly startCheckIn: StartCheckInHandler,
    private readonly getCheckIn: GetCheckInHandler,
  ) {}

  @Post()
  @Roles(...MEMBER_OR_STAFF)
  @Idempotent('the same key and body answer the same check-in')
  @ZodResponse({ status: 202, type: CheckInDto, description: 'started; poll GET /v1/check-ins/{id}' })
  @ApiErrors(400, 404, [409, 'the member already has a check-in in progress, or the key is in flight'], 422)
  create(@CurrentPrincipal() p: Principal, @IdempotencyKey() key: string, @Body() body: StartCheckInDto) {
    if (body.memberId && !isStaff(p) && body.memberId !== p.subject) {
      throw new ForbiddenException({
        error: 'forbidden',
        field: 'memberId',
        reason: 'members can only check themselves in',
      });
    }
    return this.startCheckIn.execute({
      tenantId: p.tenantId,
      courtId: body.courtId,
      memberId: body.memberId ?? p.subject,
      channel: 'app',
      topUpMethod: body.topUpMethod,
      requestKey: `app:${p.subject}:${key}`,
    });
  }

  @Get(':id')
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({
    status: 200,
    type: CheckInDto,
    description: 'PENDING, COMPLETED, REJECTED, FAILED or NEEDS_ATTENTION',
  })
  @ApiErrors(404)
  get(@CurrentPrincipal() p: Principal, @Param() { id }: CheckInParamsDto) {
    return this.getCheckIn.execute({ tenantId: p.tenantId, memberId: p.subject, staff: isStaff(p) }, id);
  }
}
