import { Controller } from '@nestjs/common';
import {
  NotificationsListDeliveriesResultV1,
  NotificationsListDeliveriesResultV2,
  NotificationsListDeliveriesV1,
  NotificationsListDeliveriesV2,
  NotificationsSendDeliveryV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { flowOf } from '../../shared/interface/flow-of';
import { ListDeliveriesHandler } from '../application/list-deliveries/list-deliveries.handler';
import { SendDeliveryHandler } from '../application/send-delivery/send-delivery.handler';
import { V1_KINDS, ofV1Kind } from '../../templates/domain/templates';

/**
 * A delivery's send: a local durable step (`callsVendor`), run in this process right after the commit
 * that planned it, with no transaction open during the provider call; the sweep re-runs it if this
 * process dies first.
 */
@Controller()
export class DeliveriesCommandsHandler {
  constructor(
    private readonly send: SendDeliveryHandler,
    private readonly listDeliveries: ListDeliveriesHandler,
  ) {}

  @OnCommand(NotificationsSendDeliveryV1, { callsVendor: true })
  async sendDelivery(
    envelope: Envelope<NotificationsSendDeliveryV1>,
    ctx: MessageContext,
  ): Promise<undefined> {
    await this.send.execute(flowOf(ctx), envelope.data.deliveryId);
    return undefined;
  }

  /** v1 (a gateway not yet upgraded): only deliveries of the kinds v1 knows. */
  @OnCommand(NotificationsListDeliveriesV1)
  async listV1(envelope: Envelope<NotificationsListDeliveriesV1>, ctx: MessageContext) {
    return NotificationsListDeliveriesResultV1.envelope({
      ...ctx.follow(),
      subject: envelope.tenantid,
      data: await this.page(envelope, ctx, V1_KINDS).then((p) => ({
        ...p,
        deliveries: p.deliveries.filter(ofV1Kind),
      })),
    });
  }

  /** The club's deliveries for its staff (the gateway checked the role; the tenant is the envelope's). */
  @OnCommand(NotificationsListDeliveriesV2)
  async list(envelope: Envelope<NotificationsListDeliveriesV2>, ctx: MessageContext) {
    return NotificationsListDeliveriesResultV2.envelope({
      ...ctx.follow(),
      subject: envelope.tenantid,
      data: await this.page(envelope, ctx),
    });
  }

  private async page(
    envelope: Envelope<NotificationsListDeliveriesV2>,
    ctx: MessageContext,
    kinds?: typeof V1_KINDS,
  ) {
    const page = await this.listDeliveries.execute(ctx.manager, envelope.tenantid, {
      ...envelope.data,
      kinds,
    });
    return {
      deliveries: page.deliveries.map(({ route, ...v }) => ({ ...v, ...route })),
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
    };
  }
}
