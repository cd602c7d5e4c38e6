import { Controller } from '@nestjs/common';
import {
  NotificationsEraseMemberDataResultV1,
  NotificationsEraseMemberDataV1,
  NotificationsExportMemberDataResultV1,
  NotificationsExportMemberDataResultV2,
  NotificationsExportMemberDataV1,
  NotificationsExportMemberDataV2,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { EraseMemberDataHandler } from '../application/erase-member-data/erase-member-data.handler';
import { ExportMemberDataHandler } from '../application/export-member-data/export-member-data.handler';
import { V1_KINDS, ofV1Kind } from '../../templates/domain/templates';

/** A member's export and erasure, asked by the gateway for the member themselves (request/reply). */
@Controller()
export class PrivacyCommandsHandler {
  constructor(
    private readonly exportData: ExportMemberDataHandler,
    private readonly eraseData: EraseMemberDataHandler,
  ) {}

  /** v1 (a gateway not yet upgraded): the deliveries of the kinds v1 knows. */
  @OnCommand(NotificationsExportMemberDataV1)
  async exportV1(envelope: Envelope<NotificationsExportMemberDataV1>, ctx: MessageContext) {
    return NotificationsExportMemberDataResultV1.envelope({
      ...ctx.follow(),
      subject: envelope.data.memberId,
      data: await this.exported(envelope, ctx, V1_KINDS).then((d) => ({
        ...d,
        deliveries: d.deliveries.filter(ofV1Kind),
      })),
    });
  }

  @OnCommand(NotificationsExportMemberDataV2)
  async export(envelope: Envelope<NotificationsExportMemberDataV2>, ctx: MessageContext) {
    return NotificationsExportMemberDataResultV2.envelope({
      ...ctx.follow(),
      subject: envelope.data.memberId,
      data: await this.exported(envelope, ctx),
    });
  }

  private async exported(
    envelope: Envelope<{ memberId: string }>,
    ctx: MessageContext,
    kinds?: typeof V1_KINDS,
  ) {
    const data = await this.exportData.execute(ctx.manager, envelope.tenantid, envelope.data.memberId, kinds);
    return { ...data, deliveries: data.deliveries.map(({ route, ...d }) => ({ ...d, ...route })) };
  }

  @OnCommand(NotificationsEraseMemberDataV1)
  async erase(envelope: Envelope<NotificationsEraseMemberDataV1>, ctx: MessageContext) {
    const erased = await this.eraseData.execute(ctx.manager, envelope.tenantid, envelope.data.memberId);
    return NotificationsEraseMemberDataResultV1.envelope({
      ...ctx.follow(),
      subject: envelope.data.memberId,
      data: { erased },
    });
  }
}
