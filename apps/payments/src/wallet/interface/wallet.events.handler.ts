import { Controller } from '@nestjs/common';
import { AccessSessionEndedV1, type Envelope } from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { flowOf } from '../../shared/interface/flow-of';
import { SettleConsumptionHandler } from '../application/settle-consumption/settle-consumption.handler';

/** A court session ended: what the member consumed is settled from their credit. */
@Controller()
export class WalletEventsHandler {
  constructor(private readonly settleConsumption: SettleConsumptionHandler) {}

  @OnEvent(AccessSessionEndedV1)
  async sessionEnded(envelope: Envelope<AccessSessionEndedV1>, ctx: MessageContext): Promise<void> {
    const { memberId, sessionId, consumptionCentavos } = envelope.data;
    if (consumptionCentavos === 0) return;
    await this.settleConsumption.execute(ctx.manager, flowOf(ctx), {
      memberId,
      sessionId,
      consumptionCentavos,
    });
  }
}
