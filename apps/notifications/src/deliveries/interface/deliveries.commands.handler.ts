import { Controller } from '@nestjs/common';
import { NotificationsSendDeliveryV1, type Envelope } from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { flowOf } from '../../shared/interface/flow-of';
import { SendDeliveryHandler } from '../application/send-delivery/send-delivery.handler';

/**
 * A delivery's send: a local durable step (`callsVendor`), run in this process right after the commit
 * that planned it, with no transaction open during the provider call; the sweep re-runs it if this
 * process dies first.
 */
@Controller()
export class DeliveriesCommandsHandler {
  constructor(private readonly send: SendDeliveryHandler) {}

  @OnCommand(NotificationsSendDeliveryV1, { callsVendor: true })
  async sendDelivery(
    envelope: Envelope<NotificationsSendDeliveryV1>,
    ctx: MessageContext,
  ): Promise<undefined> {
    await this.send.execute(flowOf(ctx), envelope.data.deliveryId);
    return undefined;
  }
}
