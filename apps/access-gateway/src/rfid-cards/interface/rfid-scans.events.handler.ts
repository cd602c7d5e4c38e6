import { Controller } from '@nestjs/common';
import { AccessRfidScanRefusedV2, IotRfidScannedV1, type Envelope } from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { DomainError } from '@sportclub/service-kit';
import { CourtBookedError } from '../../check-in/domain/check-in.errors';
import { publishCourtBooked } from '../../check-in/interface/court-booked.rejection';
import { CheckInByCardHandler } from '../application/check-in-by-card/check-in-by-card.handler';

/** Each refusal of the use case as the door's refusal code (iot-bridge tells the reader why, in pt-BR). */
const REFUSALS: Record<string, AccessRfidScanRefusedV2['code']> = {
  card_not_found: 'unknown-card',
  card_blocked: 'inactive-card',
  court_not_found: 'unknown-court',
  check_in_in_progress: 'check-in-in-progress',
  already_on_court: 'already-on-court',
  member_suspended: 'member-suspended',
  member_not_found: 'not-a-member',
};

/**
 * A card read at a door (iot-bridge's event) checks its member in at that court, in the scan's flow:
 * the saga takes the event's correlation id, so its outcome finds the door again. A scan that starts
 * nothing is answered with `access.rfid-scan.refused.v2` in the same flow.
 */
@Controller()
export class RfidScansEventsHandler {
  constructor(private readonly checkInByCard: CheckInByCardHandler) {}

  @OnEvent(IotRfidScannedV1)
  async scanned(envelope: Envelope<IotRfidScannedV1>, ctx: MessageContext): Promise<void> {
    try {
      await this.checkInByCard.execute(
        { tenantId: envelope.tenantid, ...envelope.data },
        { correlationId: envelope.correlationid, causationId: envelope.id, tx: ctx.manager },
      );
    } catch (error) {
      if (error instanceof CourtBookedError) {
        await publishCourtBooked(ctx, error, envelope.data.courtId);
        return;
      }
      const code = error instanceof DomainError ? REFUSALS[error.code] : undefined;
      if (!code) throw error;
      await ctx.outbox.publish(
        ctx.manager,
        AccessRfidScanRefusedV2.envelope({
          ...ctx.follow(),
          subject: envelope.data.readerId,
          data: { ...envelope.data, code, reason: (error as DomainError).reason },
        }),
      );
    }
  }
}
