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
  Res,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import {
  NotificationsAnnouncementResultV1,
  NotificationsGetAnnouncementV1,
  NotificationsStartAnnouncementV1,
  NotificationsListDeliveriesResultV2,
  NotificationsListDeliveriesV2,
  NotificationsListTemplatesResultV2,
  NotificationsListTemplatesV2,
  NotificationsSaveTemplateResultV2,
  NotificationsSaveTemplateV2,
  type Envelope,
  DELIVERIES_CURSOR,
  NOTIFICATION_KIND_V2,
} from '@sportclub/contracts';
import { CommandClient } from '@sportclub/messaging';
import { CurrentPrincipal, Roles, STAFF } from '../../auth/auth.guard';
import { IdempotencyKey, Idempotent } from '../../idempotency/idempotency.interceptor';
import { idFor } from '../../idempotency/idempotency-key';
import { GetMemberHandler } from '../../members/application/get-member/get-member.handler';
import { ApiErrors, memberIdSchema } from '../../shared/interface/http-contract';
import { forward } from './forward';

const kind = z.enum(NOTIFICATION_KIND_V2.enum);

class DeliveriesQueryDto extends createZodDto(
  z
    .object({
      memberId: memberIdSchema.optional(),
      status: z.enum(['pending', 'sent', 'delivered', 'read', 'failed']).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      before: z.iso
        .datetime({ offset: true })
        .optional()
        .describe('only deliveries created before this moment (rows of one millisecond may share it)'),
      cursor: z
        .string()
        .regex(new RegExp(DELIVERIES_CURSOR.pattern), 'is not a cursor this API gave')
        .optional()
        .describe('the next page: taken from the `Link: <…>; rel="next"` header of the page before'),
    })
    .strict(),
) {}

class TemplatesQueryDto extends createZodDto(z.object({ kind: kind.optional() }).strict()) {}

class TemplateParamsDto extends createZodDto(
  z.object({ kind, locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a locale such as pt-BR or en') }),
) {}

class TemplateDto extends createZodDto(
  z
    .object({
      title: z.string().min(1).max(200).describe('push title and e-mail subject; Handlebars'),
      body: z.string().min(1).max(4000).describe('the text; Handlebars: {{court}}, {{#if unpaid}}…{{/if}}'),
      whatsapp: z
        .object({
          name: z.string().regex(/^[a-z0-9_]{1,512}$/, "the approved template's name"),
          parameters: z.array(z.string().min(1).max(40)).max(10).describe('variables, in parameter order'),
        })
        .strict()
        .optional(),
    })
    .strict(),
) {}

class AnnouncementDto extends createZodDto(
  z
    .object({
      title: z.string().min(1).max(100).describe('push title and e-mail subject'),
      text: z.string().min(1).max(1000),
      memberIds: z
        .array(memberIdSchema)
        .min(1)
        .max(10_000)
        .optional()
        .describe('the segment; every member who consented to a channel when absent'),
    })
    .strict(),
) {}

class AnnouncementParamsDto extends createZodDto(z.object({ announcementId: z.uuid() })) {}

const replyDoc = (schema: object, description: string) => ApiResponse({ status: 200, description, schema });

/**
 * What the club's staff see and decide of notifications, asked of notifications over RabbitMQ
 * request/reply: the deliveries of their own club (members' ids, channels and statuses — never another
 * club's, which cannot even be named) and the templates members are sent.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors(401, 403, 429, 503)
@Controller('v1/notifications')
export class NotificationsHttpController {
  constructor(
    private readonly commands: CommandClient,
    private readonly members: GetMemberHandler,
  ) {}

  @Get('deliveries')
  @Roles(...STAFF)
  @ApiResponse({
    status: 200,
    description:
      "the club's deliveries, newest first; when the page is full, a `Link` header (RFC 8288) with " +
      '`rel="next"` names the next page (the same filters and a `cursor`)',
    schema: (NotificationsListDeliveriesResultV2.schema.properties as Record<string, object>).deliveries,
    headers: { Link: { description: '<…?cursor=…>; rel="next"', schema: { type: 'string' } } },
  })
  @ApiErrors(400, [404, 'no such member in this club'])
  async deliveries(
    @CurrentPrincipal() p: Principal,
    @Query() q: DeliveriesQueryDto,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): unknown },
  ) {
    // A member of another club (or none) is 404 here, as everywhere, not an empty list.
    if (q.memberId) await this.members.execute(p.tenantId, q.memberId);
    const reply = await this.ask<NotificationsListDeliveriesResultV2>(
      NotificationsListDeliveriesV2.envelope({ ...this.from(p), data: { ...q } }),
    );
    const { nextCursor } = reply.data;
    if (nextCursor) {
      const next = new URLSearchParams(
        Object.entries({ ...q, cursor: nextCursor }).map(([k, v]): [string, string] => [k, String(v)]),
      );
      res.setHeader('Link', `</v1/notifications/deliveries?${next.toString()}>; rel="next"`);
    }
    return reply.data.deliveries;
  }

  @Get('templates')
  @Roles(...STAFF)
  @replyDoc(
    (NotificationsListTemplatesResultV2.schema.properties as Record<string, object>).templates,
    "per kind and locale, the template in use (the club's newest version, else the default: version 0)",
  )
  @ApiErrors(400)
  async templates(@CurrentPrincipal() p: Principal, @Query() q: TemplatesQueryDto) {
    const reply = await this.ask<NotificationsListTemplatesResultV2>(
      NotificationsListTemplatesV2.envelope({ ...this.from(p), data: { ...q } }),
    );
    return reply.data.templates;
  }

  @Put('templates/:kind/:locale')
  @Roles(...STAFF)
  @replyDoc(
    (NotificationsSaveTemplateResultV2.schema.properties as Record<string, object>).template,
    'the new version, used from the next message on',
  )
  @ApiErrors(400, [422, 'the template reads a variable its kind does not have (named), or does not parse'])
  async saveTemplate(
    @CurrentPrincipal() p: Principal,
    @Param() params: TemplateParamsDto,
    @Body() body: TemplateDto,
  ) {
    const reply = await this.ask<NotificationsSaveTemplateResultV2>(
      NotificationsSaveTemplateV2.envelope({
        ...this.from(p),
        data: { ...params, ...body, savedBy: p.subject },
      }),
    );
    if (reply.data.outcome !== 'saved' || !reply.data.template) {
      throw new UnprocessableEntityException({
        error: reply.data.variable ? 'unknown_template_variable' : 'invalid_template',
        field: reply.data.field,
        ...(reply.data.variable && { variable: reply.data.variable }),
        reason: reply.data.reason,
      });
    }
    return reply.data.template;
  }

  @Post('announcements')
  @HttpCode(202)
  @Roles(...STAFF)
  @Idempotent('the same key and body answer the same announcement')
  @replyDoc(
    (NotificationsAnnouncementResultV1.schema.properties as Record<string, object>).announcement,
    "started: members who consented are told a batch at a time, within the club's send rate",
  )
  @ApiErrors(400, [409, 'a request with this key is in flight'], [422, 'the key was used with another body'])
  async announce(
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string,
    @Body() body: AnnouncementDto,
  ) {
    const announcementId = idFor('announcement', p.tenantId, `${p.subject}:${key}`);
    const reply = await this.ask<NotificationsAnnouncementResultV1>(
      NotificationsStartAnnouncementV1.envelope({
        ...this.from(p),
        data: { announcementId, ...body, requestedBy: p.subject },
      }),
    );
    return reply.data.announcement;
  }

  @Get('announcements/:announcementId')
  @Roles(...STAFF)
  @replyDoc(
    (NotificationsAnnouncementResultV1.schema.properties as Record<string, object>).announcement,
    'how far it got: members planned, deliveries per status',
  )
  @ApiErrors(400, [404, 'no such announcement in this club'])
  async announcement(@CurrentPrincipal() p: Principal, @Param() { announcementId }: AnnouncementParamsDto) {
    const reply = await this.ask<NotificationsAnnouncementResultV1>(
      NotificationsGetAnnouncementV1.envelope({ ...this.from(p), data: { announcementId } }),
    );
    if (!reply.data.announcement) {
      throw new NotFoundException({ error: 'announcement_not_found', field: 'announcementId' });
    }
    return reply.data.announcement;
  }

  private from(p: Principal) {
    return { source: 'access-gateway', tenantId: p.tenantId, subject: p.tenantId };
  }

  private ask<R>(envelope: Envelope): Promise<Envelope<R>> {
    return forward<R>(this.commands, envelope, 'notifications', 3_000);
  }
}
