import { BadRequestException, Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@sportclub/auth';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import { SessionsService, type SessionView } from './sessions.service';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('v1')
@UseGuards(AuthGuard, RateLimitGuard)
export class SessionsHttpController {
  constructor(private readonly sessions: SessionsService) {}

  @Get('sessions')
  list(@CurrentPrincipal() p: Principal, @Query('active') active?: string): Promise<SessionView[]> {
    if (active !== undefined && active !== 'true' && active !== 'false') {
      throw new BadRequestException({ error: 'invalid_query', field: 'active', reason: 'true or false' });
    }
    return this.sessions.list(p, active === 'true');
  }

  @Post('check-outs')
  @HttpCode(200)
  @ApiBody({
    schema: { type: 'object', required: ['sessionId'], properties: { sessionId: { type: 'string' } } },
  })
  @ApiResponse({ status: 404, description: 'no such session for this caller' })
  @ApiResponse({ status: 502, description: 'the access vendor did not close it; the session stays open' })
  checkOut(@CurrentPrincipal() p: Principal, @Body() body: unknown): Promise<SessionView> {
    const sessionId = (body as { sessionId?: unknown } | undefined)?.sessionId;
    if (typeof sessionId !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(sessionId)) {
      throw new BadRequestException({
        error: 'invalid_check_out',
        problems: [{ field: 'sessionId', reason: 'a session id is required' }],
      });
    }
    return this.sessions.checkOut(p, sessionId);
  }
}
