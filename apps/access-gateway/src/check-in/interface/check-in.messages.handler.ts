import { Controller, Inject, Logger } from '@nestjs/common';
import {
  AccessGatewayOpenCourtResultV1,
  AccessGatewayOpenCourtV1,
  PaymentsChargeTopUpResultV1,
  PaymentsCommitCreditResultV1,
  PaymentsReleaseCreditResultV1,
  PaymentsReserveCreditResultV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { SagaEngine } from '@sportclub/saga';
import {
  ACCESS_VENDOR,
  type AccessVendorPort,
} from '../../access-vendor/application/ports/access-vendor.port';

/**
 * The saga's side of the command bus: replies from payments and from our own court-opening command
 * reach the engine inside the inbox transaction (batched: a reply only touches the saga tables), and
 * the court-opening command itself calls the vendor, one command per transaction.
 */
@Controller()
export class CheckInMessagesHandler {
  private readonly logger = new Logger('CheckIn');

  constructor(
    @Inject(SagaEngine) private readonly engine: SagaEngine,
    @Inject(ACCESS_VENDOR) private readonly vendor: AccessVendorPort,
  ) {}

  @OnCommand(PaymentsReserveCreditResultV1, { batched: true })
  reserved(envelope: Envelope, ctx: MessageContext) {
    return this.reply(envelope, ctx);
  }

  @OnCommand(PaymentsCommitCreditResultV1, { batched: true })
  committed(envelope: Envelope, ctx: MessageContext) {
    return this.reply(envelope, ctx);
  }

  @OnCommand(PaymentsReleaseCreditResultV1, { batched: true })
  released(envelope: Envelope, ctx: MessageContext) {
    return this.reply(envelope, ctx);
  }

  @OnCommand(PaymentsChargeTopUpResultV1, { batched: true })
  toppedUp(envelope: Envelope, ctx: MessageContext) {
    return this.reply(envelope, ctx);
  }

  @OnCommand(AccessGatewayOpenCourtResultV1, { batched: true })
  opened(envelope: Envelope, ctx: MessageContext) {
    return this.reply(envelope, ctx);
  }

  /** Opens the court; a vendor failure (after the resilience layer's retries) is a 'failed' reply. */
  @OnCommand(AccessGatewayOpenCourtV1)
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

  private async reply(envelope: Envelope, ctx: MessageContext): Promise<void> {
    const result = await this.engine.handleReply(envelope, ctx.manager);
    if (result.outcome === 'ignored') this.logger.debug?.(`reply ${envelope.type} ignored: ${result.reason}`);
  }
}
