import { Controller, Inject, Logger } from '@nestjs/common';
import {
  AccessGatewayOpenCourtResultV1,
  AccessGatewayOpenCourtV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import {
  ACCESS_VENDOR,
  type AccessVendorPort,
} from '../../access-vendor/application/ports/access-vendor.port';

/**
 * The court opening the check-in saga asks of this service: a local durable step (`callsVendor`). It runs
 * in this process right after the saga's transition commits, with no database transaction open during
 * the vendor call; its reply is applied to the saga in one short transaction afterwards. The call is
 * idempotent on the check-in id (the vendor's external ref), so a crash before the record re-runs it and
 * the vendor answers with the same session. (The saga's other replies reach the engine through
 * `sagaReplyHandlers` in the module.)
 */
@Controller()
export class CheckInMessagesHandler {
  private readonly logger = new Logger('CheckIn');

  constructor(@Inject(ACCESS_VENDOR) private readonly vendor: AccessVendorPort) {}

  /** Opens the court; a vendor failure (after the resilience layer's retries) is a 'failed' reply. */
  @OnCommand(AccessGatewayOpenCourtV1, { callsVendor: true })
  async openCourt(envelope: Envelope<AccessGatewayOpenCourtV1>, ctx: MessageContext) {
    const { checkInId, courtId, memberId } = envelope.data;
    let data: AccessGatewayOpenCourtResultV1;
    try {
      const { sessionId } = await this.vendor.openCourt({
        tenantId: envelope.tenantid,
        memberId,
        courtId,
        externalRef: checkInId,
      });
      data = { checkInId, outcome: 'opened', sessionId };
    } catch (error) {
      this.logger.warn(
        `court ${courtId} did not open for check-in ${checkInId}: ${(error as Error).message}`,
      );
      data = { checkInId, outcome: 'failed', reason: (error as Error).message.slice(0, 500) };
    }
    return AccessGatewayOpenCourtResultV1.envelope({ ...ctx.follow(), subject: courtId, data });
  }
}
