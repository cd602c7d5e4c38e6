import { Controller } from '@nestjs/common';
import {
  NotificationsAnnouncementResultV1,
  NotificationsGetAnnouncementV1,
  NotificationsPlanAnnouncementV1,
  NotificationsStartAnnouncementV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { flowOf } from '../../shared/interface/flow-of';
import { GetAnnouncementHandler } from '../application/get-announcement/get-announcement.handler';
import { PlanAnnouncementHandler } from '../application/plan-announcement/plan-announcement.handler';
import { StartAnnouncementHandler } from '../application/start-announcement/start-announcement.handler';

/**
 * Announcements: started and read by the club's staff through the gateway (request/reply; the tenant
 * is the envelope's), planned by this service's own local steps.
 */
@Controller()
export class AnnouncementsCommandsHandler {
  constructor(
    private readonly start: StartAnnouncementHandler,
    private readonly plan: PlanAnnouncementHandler,
    private readonly get: GetAnnouncementHandler,
  ) {}

  @OnCommand(NotificationsStartAnnouncementV1)
  async startAnnouncement(envelope: Envelope<NotificationsStartAnnouncementV1>, ctx: MessageContext) {
    const a = await this.start.execute(ctx.manager, flowOf(ctx), envelope.data);
    return this.reply(
      ctx,
      a.announcementId,
      await this.get.execute(ctx.manager, envelope.tenantid, a.announcementId),
    );
  }

  @OnCommand(NotificationsGetAnnouncementV1)
  async getAnnouncement(envelope: Envelope<NotificationsGetAnnouncementV1>, ctx: MessageContext) {
    const { announcementId } = envelope.data;
    return this.reply(
      ctx,
      announcementId,
      await this.get.execute(ctx.manager, envelope.tenantid, announcementId),
    );
  }

  /**
   * A batch of the plan: run outside any transaction (`callsVendor`) because it waits for its turn in
   * the send rate before its short transaction; the sweep re-runs it if this process dies first.
   */
  @OnCommand(NotificationsPlanAnnouncementV1, { callsVendor: true })
  async planAnnouncement(
    envelope: Envelope<NotificationsPlanAnnouncementV1>,
    ctx: MessageContext,
  ): Promise<undefined> {
    await this.plan.execute(flowOf(ctx), envelope.data.announcementId);
    return undefined;
  }

  private reply(
    ctx: MessageContext,
    subject: string,
    a: Awaited<ReturnType<GetAnnouncementHandler['execute']>>,
  ) {
    return NotificationsAnnouncementResultV1.envelope({
      ...ctx.follow(),
      subject,
      data: a
        ? {
            announcement: {
              announcementId: a.announcementId,
              title: a.title,
              text: a.text,
              status: a.status,
              total: a.total,
              planned: a.planned,
              progress: a.progress,
              requestedBy: a.requestedBy,
              createdAt: a.createdAt,
            },
          }
        : {},
    });
  }
}
