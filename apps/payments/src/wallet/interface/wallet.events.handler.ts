import { Controller, Inject } from '@nestjs/common';
import { AccessSessionEndedV1, type Envelope } from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { WalletService } from '../application/wallet.service';

/** A court session ended: what the member consumed is settled from their credit. */
@Controller()
export class WalletEventsHandler {
  constructor(@Inject(WalletService) private readonly wallets: WalletService) {}

  @OnEvent(AccessSessionEndedV1)
  async sessionEnded(envelope: Envelope<AccessSessionEndedV1>, ctx: MessageContext): Promise<void> {
    const { memberId, sessionId, consumptionCentavos } = envelope.data;
    if (consumptionCentavos === 0) return;
    const { tenantId, correlationId, causationId } = ctx.follow();
    await this.wallets.settleConsumption(
      ctx.manager,
      { tenantId, correlationId, causationId },
      {
        memberId,
        sessionId,
        consumptionCentavos,
      },
    );
  }
}
