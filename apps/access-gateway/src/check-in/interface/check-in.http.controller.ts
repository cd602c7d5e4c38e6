import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import { RateLimitGuard } from '../../rate-limit/rate-limit.guard';
import { fieldProblems } from '@sportclub/service-kit';
import { AuthGuard, CurrentPrincipal, isStaff } from '../../auth/auth.guard';
import { courtIdSchema } from '../../courts/courts.http.controller';
import { CheckInService, type CheckInView } from '../application/check-in.service';
import { idempotencyKeyProblem } from '../../idempotency';

const bodySchema = z
  .object({
    courtId: courtIdSchema,
    /** Staff may check a member in at the desk; members check themselves in. */
    memberId: z.string().min(1).max(100).optional(),
    /** When the credit is short: charge the saved card (default) or open a Pix charge to pay in the app. */
    topUpMethod: z.enum(['card', 'pix']).default('card'),
  })
  .strict();

/** `POST /v1/check-ins` starts the check-in saga (202, poll the status); `GET` answers its state. */
@ApiTags('check-ins')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'missing, invalid or expired token' })
@ApiResponse({ status: 429, description: 'rate limit of the member or club reached (Retry-After)' })
@Controller('v1/check-ins')
@UseGuards(AuthGuard, RateLimitGuard)
export class CheckInHttpController {
  constructor(private readonly checkIns: CheckInService) {}

  @Post()
  @HttpCode(202)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'the same key answers the same check-in',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['courtId'],
      properties: {
        courtId: { type: 'string' },
        memberId: { type: 'string', description: 'staff only: the member checked in at the desk' },
        topUpMethod: {
          type: 'string',
          enum: ['card', 'pix'],
          description:
            'short credit is topped up by the saved card (default) or a Pix charge (see topUp.pix)',
        },
      },
    },
  })
  @ApiResponse({ status: 202, description: 'check-in started; poll GET /v1/check-ins/{id}' })
  @ApiResponse({ status: 400, description: 'invalid body or Idempotency-Key (problems[] name the fields)' })
  @ApiResponse({ status: 404, description: 'no such court in this club' })
  @ApiResponse({ status: 409, description: 'the member already has a check-in in progress' })
  create(
    @CurrentPrincipal() p: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: unknown,
  ): Promise<CheckInView> {
    const parsed = bodySchema.safeParse(body ?? {});
    const problems = [...idempotencyKeyProblem(key), ...(parsed.success ? [] : fieldProblems(parsed.error))];
    const staff = isStaff(p);
    if (parsed.success && parsed.data.memberId && !staff && parsed.data.memberId !== p.subject) {
      problems.push({ field: 'memberId', reason: 'members can only check themselves in' });
    }
    if (problems.length > 0 || !parsed.success)
      throw new BadRequestException({ error: 'invalid_check_in', problems });
    return this.checkIns.start(
      p,
      {
        courtId: parsed.data.courtId,
        memberId: parsed.data.memberId ?? p.subject,
        channel: 'app',
        topUpMethod: parsed.data.topUpMethod,
      },
      key!,
    );
  }

  @Get(':id')
  @ApiResponse({
    status: 200,
    description: 'status PENDING, COMPLETED, REJECTED, FAILED or NEEDS_ATTENTION, with the reason',
  })
  @ApiResponse({ status: 404, description: 'unknown here (another club or another member)' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<CheckInView> {
    return this.checkIns.find(p, id);
  }
}
