import { Body, Controller, Delete, Get, Patch, Query, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import {
  NotificationsEraseMemberDataResultV1,
  NotificationsEraseMemberDataV1,
  NotificationsExportMemberDataResultV2,
  NotificationsExportMemberDataV2,
  NotificationsGetPreferencesResultV1,
  NotificationsGetPreferencesV1,
  NotificationsSetPreferencesResultV1,
  NotificationsSetPreferencesV1,
  type Envelope,
} from '@sportclub/contracts';
import { CommandClient } from '@sportclub/messaging';
import { CurrentPrincipal, MEMBER, MEMBER_OR_STAFF, Roles, isStaff } from '../../auth/auth.guard';
import { GetMemberHandler } from '../../members/application/get-member/get-member.handler';
import { ApiErrors, memberIdSchema } from '../../shared/interface/http-contract';
import { forward } from './forward';
import { memberAsked } from './member-asked';

const channel = z.enum(['whatsapp', 'push', 'email', 'sms']);
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 00:00 to 23:59');
const pushToken = z.string().min(8).max(4096);

class PreferencesQueryDto extends createZodDto(
  z.object({ memberId: memberIdSchema.optional().describe('staff only; members get their own') }).strict(),
) {}

class PreferencesChangeDto extends createZodDto(
  z
    .object({
      memberId: memberIdSchema.optional().describe('staff only; members change their own'),
      phone: z
        .string()
        .min(1)
        .max(32)
        .nullable()
        .optional()
        .describe('any notation; stored in E.164; null removes it'),
      email: z.string().min(3).max(254).nullable().optional(),
      channels: z.array(channel).max(4).optional().describe('in order of preference'),
      locale: z
        .string()
        .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a locale such as pt-BR or en')
        .optional(),
      timeZone: z.string().min(1).max(64).optional().describe('IANA, e.g. America/Sao_Paulo'),
      quietHours: z.object({ start: timeOfDay, end: timeOfDay }).strict().nullable().optional(),
      consents: z
        .array(z.object({ channel, granted: z.boolean() }).strict())
        .max(4)
        .optional()
        .describe('LGPD consent per channel, recorded with when and by whom'),
      addPushTokens: z
        .array(pushToken)
        .max(10)
        .optional()
        .describe("FCM registration tokens of the member's devices"),
      removePushTokens: z.array(pushToken).max(10).optional(),
    })
    .strict(),
) {}

const preferencesDoc = (description: string) =>
  ApiResponse({
    status: 200,
    description,
    schema: (NotificationsGetPreferencesResultV1.schema.properties as Record<string, object>).preferences,
  });

/**
 * A member's notification settings — contacts, channel order, quiet hours, LGPD consent and push
 * devices —, kept by notifications and asked over RabbitMQ request/reply. Members read and change
 * their own; staff those of their own club's members (another club's member is 404, as everywhere).
 */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors(401, 403, 429, 503)
@Controller('v1/notifications')
export class NotificationPreferencesHttpController {
  constructor(
    private readonly commands: CommandClient,
    private readonly members: GetMemberHandler,
  ) {}

  @Get('preferences')
  @Roles(...MEMBER_OR_STAFF)
  @preferencesDoc('the settings (defaults, with no consent, for a member who never set any)')
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() p: Principal, @Query() q: PreferencesQueryDto) {
    const memberId = await memberAsked(
      this.members,
      p,
      q.memberId,
      'members can only see and change their own settings',
    );
    const reply = await this.ask<NotificationsGetPreferencesResultV1>(
      NotificationsGetPreferencesV1.envelope({ ...this.from(p, memberId), data: { memberId } }),
    );
    return reply.data.preferences;
  }

  @Patch('preferences')
  @Roles(...MEMBER_OR_STAFF)
  @preferencesDoc('the settings after the change (only the fields given change)')
  @ApiErrors(400, 404, [422, 'a field cannot be kept: not a phone number, a landline, an unknown time zone'])
  async change(@CurrentPrincipal() p: Principal, @Body() body: PreferencesChangeDto) {
    const { memberId: asked, ...change } = body;
    const memberId = await memberAsked(
      this.members,
      p,
      asked,
      'members can only see and change their own settings',
    );
    const reply = await this.ask<NotificationsSetPreferencesResultV1>(
      NotificationsSetPreferencesV1.envelope({
        ...this.from(p, memberId),
        data: { memberId, source: isStaff(p) && memberId !== p.subject ? 'staff' : 'app', ...change },
      }),
    );
    if (reply.data.outcome !== 'saved' || !reply.data.preferences) {
      throw new UnprocessableEntityException({
        error: 'invalid_preference',
        field: reply.data.field,
        reason: reply.data.reason,
      });
    }
    return reply.data.preferences;
  }

  @Get('my-data')
  @Roles(...MEMBER)
  @ApiResponse({
    status: 200,
    description:
      'everything notifications keeps about the caller: settings, consent history, deliveries (LGPD art. 18)',
    schema: NotificationsExportMemberDataResultV2.schema as object,
  })
  async exportMyData(@CurrentPrincipal() p: Principal) {
    const reply = await this.ask<NotificationsExportMemberDataResultV2>(
      NotificationsExportMemberDataV2.envelope({ ...this.from(p, p.subject), data: { memberId: p.subject } }),
      10_000,
    );
    return reply.data;
  }

  @Delete('my-data')
  @Roles(...MEMBER)
  @ApiResponse({
    status: 200,
    description:
      "erases the caller's contacts, consents, devices and deliveries; nothing is sent to them afterwards",
    schema: NotificationsEraseMemberDataResultV1.schema as object,
  })
  async eraseMyData(@CurrentPrincipal() p: Principal) {
    const reply = await this.ask<NotificationsEraseMemberDataResultV1>(
      NotificationsEraseMemberDataV1.envelope({ ...this.from(p, p.subject), data: { memberId: p.subject } }),
      10_000,
    );
    return reply.data;
  }

  private from(p: Principal, subject: string) {
    return { source: 'access-gateway', tenantId: p.tenantId, subject };
  }

  private ask<R>(envelope: Envelope, timeoutMs = 3_000): Promise<Envelope<R>> {
    return forward<R>(this.commands, envelope, 'notifications', timeoutMs);
  }
}
