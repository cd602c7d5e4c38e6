import { ConflictException, Controller, Inject } from '@nestjs/common';
import { AccessRfidScanRefusedV1, IotRfidScannedV1, type Envelope } from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { CheckInService } from '../check-in/application/check-in.service';

type Refusal = Pick<AccessRfidScanRefusedV1, 'code' | 'reason'>;

/**
 * A card read at a door (iot-bridge's event) starts the member's check-in at that court, in the scan's
 * flow: the saga takes the event's correlation id, so its outcome finds the door again. The check-in id
 * comes from reader and scan id, so the same scan can never start two. A scan that starts nothing is
 * answered with `access.rfid-scan.refused.v1` in the same flow.
 */
@Controller()
export class RfidScansEventsHandler {
  constructor(@Inject(CheckInService) private readonly checkIns: CheckInService) {}

  @OnEvent(IotRfidScannedV1)
  async scanned(envelope: Envelope<IotRfidScannedV1>, ctx: MessageContext): Promise<void> {
    const { readerId, scanId, cardId, courtId } = envelope.data;
    const tenantId = envelope.tenantid;
    const [card] = await ctx.manager.query<{ memberId: string; active: boolean }[]>(
      `SELECT member_id AS "memberId", active FROM rfid_card WHERE tenant_id = $1 AND card_id = $2`,
      [tenantId, cardId.toUpperCase()],
    );
    if (!card)
      return this.refuse(envelope, ctx, {
        code: 'unknown-card',
        reason: 'the card is not registered in this club',
      });
    if (!card.active)
      return this.refuse(envelope, ctx, { code: 'inactive-card', reason: 'the card is blocked' });
    const [court] = await ctx.manager.query(`SELECT 1 FROM court WHERE tenant_id = $1 AND court_id = $2`, [
      tenantId,
      courtId,
    ]);
    if (!court) {
      return this.refuse(envelope, ctx, {
        code: 'unknown-court',
        reason: `court ${courtId} is not registered in this club`,
      });
    }
    try {
      await this.checkIns.start(
        { tenantId },
        // A door cannot show a Pix code: a short wallet is topped up from the saved card, or refused.
        { courtId, memberId: card.memberId, channel: 'rfid', topUpMethod: 'card' },
        `rfid:${readerId}:${scanId}`,
        { correlationId: envelope.correlationid, causationId: envelope.id, manager: ctx.manager },
      );
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      await this.refuse(envelope, ctx, {
        code: 'check-in-in-progress',
        reason: 'the member already has a check-in in progress',
      });
    }
  }

  private async refuse(envelope: Envelope<IotRfidScannedV1>, ctx: MessageContext, refusal: Refusal) {
    await ctx.outbox.publish(
      ctx.manager,
      AccessRfidScanRefusedV1.envelope({
        ...ctx.follow(),
        subject: envelope.data.readerId,
        data: { ...envelope.data, ...refusal },
      }),
    );
  }
}
