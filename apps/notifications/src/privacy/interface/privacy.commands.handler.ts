import { Controller } from '@nestjs/common';
import {
  NotificationsEraseMemberDataResultV1,
  NotificationsEraseMemberDataV1,
  NotificationsExportMemberDataResultV1,
  NotificationsExportMemberDataV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { EraseMemberDataHandler } from '../application/erase-member-data/erase-member-data.handler';
import { ExportMemberDataHandler } from '../application/export-member-data/export-member-data.handler';

/** A member's export and erasure, asked by the gateway for the member themselves (request/reply). */
@Controller()
export class PrivacyCommandsHandler {
  constructor(
    private readonly exportData: ExportMemberDataHandler,
    private readonly eraseData: EraseMemberDataHandler,
  ) {}

  @OnCommand(NotificationsExportMemberDataV1)
  async export(envelope: Envelope<NotificationsExportMemberDataV1>, ctx: MessageContext) {
    const data = await this.exportData.execute(ctx.manager, envelope.tenantid, envelope.data.memberId);
    return NotificationsExportMemberDataResultV1.envelope({
      ...ctx.follow(),
      subject: envelope.data.memberId,
      data: { ...data, deliveries: data.deliveries.map(({ route, ...d }) => ({ ...d, ...route })) },
    });
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
