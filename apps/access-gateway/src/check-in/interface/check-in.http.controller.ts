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
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import { RateLimitGuard } from '../../rate-limit/rate-limit.guard';
import { AuthGuard, CurrentPrincipal } from '../../auth/auth.guard';
import { courtIdSchema } from '../../courts/courts.http.controller';
import { CheckInService, type CheckInView } from '../application/check-in.service';

const bodySchema = z
  .object({
    courtId: courtIdSchema,
    /** Staff may check a member in at the desk; members check themselves in. */
    memberId: z.string().min(1).max(100).optional(),
  })
  .strict();
const keySchema = z.string().regex(/^[\x21-\x7e]{8,200}$/, '8–200 visible ASCII characters');

/** `POST /v1/check-ins` starts the check-in saga (202, poll the status); `GET` answers its state. */
@Controller('v1/check-ins')
@UseGuards(AuthGuard, RateLimitGuard)
export class CheckInHttpController {
  constructor(private readonly checkIns: CheckInService) {}

  @Post()
  @HttpCode(202)
  create(
    @CurrentPrincipal() p: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: unknown,
  ): Promise<CheckInView> {
    const parsedKey = keySchema.safeParse(key);
    const parsed = bodySchema.safeParse(body ?? {});
    const problems = [
      ...(parsedKey.success
        ? []
        : [
            {
              field: 'Idempotency-Key',
              reason: key ? parsedKey.error.issues[0].message : 'header is required',
            },
          ]),
      ...(parsed.success
        ? []
        : parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', reason: i.message }))),
    ];
    const staff = p.roles.includes('staff') || p.roles.includes('admin');
    if (parsed.success && parsed.data.memberId && !staff && parsed.data.memberId !== p.subject) {
      problems.push({ field: 'memberId', reason: 'members can only check themselves in' });
    }
    if (problems.length > 0 || !parsed.success)
      throw new BadRequestException({ error: 'invalid_check_in', problems });
    return this.checkIns.start(
      p,
      { courtId: parsed.data.courtId, memberId: parsed.data.memberId ?? p.subject, channel: 'app' },
      key!,
    );
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<CheckInView> {
    return this.checkIns.find(p, id);
  }
}
