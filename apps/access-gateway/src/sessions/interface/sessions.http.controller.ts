import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse, createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import { CurrentPrincipal, MEMBER_OR_STAFF, Roles, isStaff } from '../../auth/auth.guard';
import { ApiErrors } from '../../shared/interface/http-contract';
import { CheckOutHandler } from '../application/check-out/check-out.handler';
import { ListSessionsHandler } from '../application/list-sessions/list-sessions.handler';

class SessionDto extends createZodDto(
  z.object({
    sessionId: z.string(),
    checkInId: z.string(),
    memberId: z.string(),
    courtId: z.string(),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable().describe('null while on court'),
  }),
) {}
class ListQueryDto extends createZodDto(
  z.object({ active: z.enum(['true', 'false']).optional().describe('only sessions still open') }).strict(),
) {}
class CheckOutDto extends createZodDto(
  z.object({ sessionId: z.string().regex(/^[\x21-\x7e]{1,100}$/, 'a session id is required') }).strict(),
) {}

/** Court sessions opened by completed check-ins; a check-out closes one at the vendor, then here. */
@ApiTags('sessions')
@ApiBearerAuth()
@ApiErrors(401, 403, 429)
@Controller('v1')
export class SessionsHttpController {
  constructor(
    private readonly listSessions: ListSessionsHandler,
    private readonly checkOuts: CheckOutHandler,
  ) {}

  @Get('sessions')
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({
    status: 200,
    type: [SessionDto],
    description: "the member's own sessions, or the club's for staff",
  })
  @ApiErrors(400)
  list(@CurrentPrincipal() p: Principal, @Query() q: ListQueryDto) {
    return this.listSessions.execute(p.tenantId, {
      memberId: isStaff(p) ? null : p.subject,
      activeOnly: q.active === 'true',
    });
  }

  @Post('check-outs')
  @HttpCode(200)
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({ status: 200, type: SessionDto, description: 'the session, ended' })
  @ApiErrors(400, 404, [502, 'the access vendor did not close it; the session stays open'])
  checkOut(@CurrentPrincipal() p: Principal, @Body() body: CheckOutDto) {
    return this.checkOuts.execute(
      { tenantId: p.tenantId, memberId: p.subject, staff: isStaff(p) },
      body.sessionId,
    );
  }
}
