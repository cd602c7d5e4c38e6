import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  ServiceUnavailableException,
  ConflictException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ZodResponse, createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import {
  CalendarSyncCompleteConnectionResultV1,
  CalendarSyncCompleteConnectionV1,
  CalendarSyncDisconnectResultV1,
  CalendarSyncDisconnectV1,
  CalendarSyncListConnectionsResultV1,
  CalendarSyncListConnectionsV1,
  CalendarSyncListUpcomingEventsResultV1,
  CalendarSyncListUpcomingEventsV1,
  CalendarSyncResyncConnectionResultV1,
  CalendarSyncResyncConnectionV1,
  CalendarSyncStartConnectionResultV1,
  CalendarSyncStartConnectionV1,
  type Envelope,
} from '@sportclub/contracts';
import { CommandClient } from '@sportclub/messaging';
import {
  AllowSuspended,
  CurrentPrincipal,
  MEMBER_OR_STAFF,
  Roles,
  STAFF,
  isStaff,
} from '../../auth/auth.guard';
import { ApiErrors, memberIdSchema } from '../../shared/interface/http-contract';
import { GetMemberHandler } from '../../members/application/get-member/get-member.handler';
import { forward } from './forward';
import { memberAsked } from './member-asked';

class StartDto extends createZodDto(
  z
    .object({
      scope: z
        .enum(['member', 'club'])
        .describe(
          "member: the caller's own bookings; club (staff): every booking and court block of the club",
        ),
      loginHint: z
        .email()
        .max(320)
        .optional()
        .describe('the Google account to preselect on the consent screen'),
    })
    .strict(),
) {}
class StartedDto extends createZodDto(
  z.object({
    authorizationUrl: z
      .url()
      .describe(
        "Google's consent screen: open it in the user's browser, then post what Google sends back to …/complete",
      ),
    expiresAt: z.iso.datetime().describe('the link works once, until then'),
  }),
) {}
const googleParam = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x21-\x7e]+$/, 'visible ASCII');
class CompleteDto extends createZodDto(
  z
    .object({
      state: googleParam(2048).describe('`state` from the address Google sent the browser back to'),
      code: googleParam(2048).optional().describe('`code` from that address (when the user allowed)'),
      error: googleParam(200).optional().describe('`error` from that address (when they did not)'),
    })
    .strict()
    .refine((b) => (b.code === undefined) !== (b.error === undefined), {
      path: ['code'],
      message: 'give the code Google sent, or its error',
    }),
) {}
class ConnectedDto extends createZodDto(z.object({ connectionId: z.uuid() })) {}
class ConnectionDto extends createZodDto(
  z.object({
    connectionId: z.uuid(),
    scope: z.enum(['member', 'club']),
    memberId: z.string().optional(),
    status: z
      .enum(['active', 'broken', 'disconnected'])
      .describe('broken: connect again (Google refused the grant)'),
    accountEmail: z.string().optional(),
    calendarId: z.string(),
    brokenReason: z.string().optional(),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    lastSyncedAt: z.iso.datetime().optional().describe('last read back from Google'),
    pendingBookings: z.number().int().describe('bookings not yet written as they are (retried)'),
  }),
) {}
class EventDto extends createZodDto(
  z.object({
    eventId: z.string(),
    bookingId: z.uuid().optional().describe('the booking the platform wrote the event for'),
    summary: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    htmlLink: z.string().optional(),
  }),
) {}
class UpcomingDto extends createZodDto(
  z.object({
    events: z.array(EventDto.schema),
    readAt: z.iso.datetime().describe('when the list was read from Google (cached up to 300 s)'),
  }),
) {}
class ListQueryDto extends createZodDto(
  z.object({ memberId: memberIdSchema.optional().describe("staff only: one member's connections") }).strict(),
) {}
class ConnectionParamsDto extends createZodDto(z.object({ connectionId: z.uuid() })) {}

const notFound = () =>
  new NotFoundException({
    error: 'calendar_connection_not_found',
    field: 'connectionId',
    reason: 'no such calendar connection here',
  });

/**
 * Google Calendar connections, answered by calendar-sync: a member connects their own calendar (their
 * bookings), staff the club's (every booking and block). The consent happens in the browser at Google;
 * the link is bound to the caller and works once. Members see and end only their own connections;
 * another club's are 404.
 */
@ApiTags('calendar')
@ApiBearerAuth()
@ApiErrors(401, 403, 429, 503)
@Controller('v1/calendar/connections')
export class CalendarConnectionsHttpController {
  constructor(
    private readonly commands: CommandClient,
    private readonly members: GetMemberHandler,
  ) {}

  @Post()
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({ status: 201, type: StartedDto, description: 'open authorizationUrl to finish at Google' })
  @ApiErrors(400)
  async start(@CurrentPrincipal() p: Principal, @Body() body: StartDto) {
    if (body.scope === 'club' && !isStaff(p)) {
      throw new ForbiddenException({ error: 'forbidden', reason: "only staff connect the club's calendar" });
    }
    if (body.scope === 'member' && !p.roles.includes('member')) {
      throw new ForbiddenException({ error: 'forbidden', reason: 'a member connects their own calendar' });
    }
    const reply = await this.ask<CalendarSyncStartConnectionResultV1>(
      CalendarSyncStartConnectionV1.envelope({
        ...this.from(p),
        data: {
          scope: body.scope,
          ...(body.scope === 'member' && { memberId: p.subject }),
          requestedBy: p.subject,
          ...(body.loginHint && { loginHint: body.loginHint }),
        },
      }),
    );
    return reply.data;
  }

  @Post('complete')
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({
    status: 201,
    type: ConnectedDto,
    description: 'connected: bookings are written to the calendar from now on',
  })
  @ApiErrors([
    400,
    'consent_refused (field state): unknown, expired, used, started by someone else, or Google refused',
  ])
  async complete(@CurrentPrincipal() p: Principal, @Body() body: CompleteDto) {
    const reply = await this.ask<CalendarSyncCompleteConnectionResultV1>(
      CalendarSyncCompleteConnectionV1.envelope({
        ...this.from(p),
        data: { ...body, completedBy: p.subject },
      }),
      // Trading the code and choosing the calendar are calls to Google.
      20_000,
    );
    const { outcome, connectionId, reason } = reply.data;
    if (outcome === 'unavailable') {
      throw new ServiceUnavailableException({ error: 'google_unavailable', reason });
    }
    if (outcome !== 'connected' || !connectionId) {
      throw new BadRequestException({ error: 'consent_refused', field: 'state', reason });
    }
    return { connectionId };
  }

  @Get()
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({ status: 200, type: [ConnectionDto], description: "the caller's, or the club's for staff" })
  @ApiErrors(400, [404, 'staff: no such member in the club'])
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListQueryDto) {
    // Staff name a member of their club (another club's is 404); a member only themselves.
    const memberId =
      q.memberId !== undefined || !isStaff(p)
        ? await memberAsked(this.members, p, q.memberId, 'a member sees only their own connections')
        : undefined;
    const reply = await this.ask<CalendarSyncListConnectionsResultV1>(
      CalendarSyncListConnectionsV1.envelope({ ...this.from(p), data: memberId ? { memberId } : {} }),
    );
    return reply.data.connections;
  }

  @Delete(':connectionId')
  @Roles(...MEMBER_OR_STAFF)
  // A suspended member may still withdraw the platform's access to their calendar.
  @AllowSuspended()
  @HttpCode(204)
  @ApiResponse({
    status: 204,
    description: 'disconnected: the grant is revoked at Google, the tokens erased',
  })
  @ApiErrors(400, 404)
  async remove(
    @CurrentPrincipal() p: Principal,
    @Param() { connectionId }: ConnectionParamsDto,
  ): Promise<void> {
    const reply = await this.ask<CalendarSyncDisconnectResultV1>(
      CalendarSyncDisconnectV1.envelope({
        ...this.from(p),
        data: { connectionId, requestedBy: p.subject, ...this.ownOnly(p) },
      }),
      // Stopping the channel and revoking at Google may take a few seconds.
      20_000,
    );
    if (reply.data.outcome === 'not-found') throw notFound();
  }

  @Post(':connectionId/resync')
  @Roles(...STAFF)
  @HttpCode(202)
  @ZodResponse({
    status: 202,
    type: createZodDto(z.object({ bookings: z.number().int().describe('upcoming bookings to write again') })),
    description: 'every upcoming booking is written again and the calendar read back in full',
  })
  @ApiErrors(400, 404, [409, 'calendar_connection_not_active: broken or disconnected; connect again'])
  async resync(@CurrentPrincipal() p: Principal, @Param() { connectionId }: ConnectionParamsDto) {
    const reply = await this.ask<CalendarSyncResyncConnectionResultV1>(
      CalendarSyncResyncConnectionV1.envelope({
        ...this.from(p),
        data: { connectionId, requestedBy: p.subject },
      }),
    );
    return { bookings: this.active(reply.data.outcome, () => reply.data.bookings ?? 0) };
  }

  @Get(':connectionId/events')
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({ status: 200, type: UpcomingDto, description: 'the next events in the Google calendar' })
  @ApiErrors(400, 404, [409, 'calendar_connection_not_active'])
  async events(@CurrentPrincipal() p: Principal, @Param() { connectionId }: ConnectionParamsDto) {
    const reply = await this.ask<CalendarSyncListUpcomingEventsResultV1>(
      CalendarSyncListUpcomingEventsV1.envelope({
        ...this.from(p),
        data: { connectionId, ...this.ownOnly(p) },
      }),
      20_000,
    );
    const { outcome, events, readAt, reason } = reply.data;
    if (outcome === 'unavailable') {
      throw new ServiceUnavailableException({ error: 'google_calendar_unavailable', reason });
    }
    return this.active(outcome, () => ({ events: events ?? [], readAt: readAt! }));
  }

  /** A member acts on their own connections only (another's is 404, as another club's). */
  private ownOnly(p: Principal): { memberId?: string } {
    return isStaff(p) ? {} : { memberId: p.subject };
  }

  private active<T>(outcome: string, answer: () => T): T {
    if (outcome === 'not-found') throw notFound();
    if (outcome === 'not-active') {
      throw new ConflictException({
        error: 'calendar_connection_not_active',
        field: 'connectionId',
        reason: 'the connection is broken or disconnected: connect again',
      });
    }
    return answer();
  }

  private from(p: Principal) {
    return { source: 'access-gateway', tenantId: p.tenantId, subject: p.tenantId };
  }

  private ask<R>(envelope: Envelope, timeoutMs = 5_000): Promise<Envelope<R>> {
    return forward<R>(this.commands, envelope, 'calendar-sync', timeoutMs);
  }
}
