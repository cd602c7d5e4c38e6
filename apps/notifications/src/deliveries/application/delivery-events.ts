import {
  NotificationsDeliveryDeliveredV1,
  NotificationsDeliveryFailedV1,
  NotificationsDeliveryReadV1,
  NotificationsDeliveryFellBackV1,
  NotificationsDeliverySentV1,
  NotificationsSendDeliveryV1,
  type Envelope,
} from '@sportclub/contracts';
import type { Route } from '../../shared/domain/channels';
import type { Flow } from '../../shared/domain/flow';
import type { Delivery } from '../domain/delivery';

const fields = (flow: Flow, d: Delivery) => ({ source: 'notifications', subject: d.deliveryId, ...flow });

/** The local step that sends a delivery's current route (run by this process right after the commit). */
export const sendStep = (flow: Flow, d: Delivery): Envelope =>
  NotificationsSendDeliveryV1.envelope({ ...fields(flow, d), data: { deliveryId: d.deliveryId } });

export const sentEvent = (flow: Flow, d: Delivery, route: Route, attempts: number): Envelope =>
  NotificationsDeliverySentV1.envelope({
    ...fields(flow, d),
    data: { deliveryId: d.deliveryId, memberId: d.memberId, kind: d.kind, ...route, attempts },
  });

export const fellBackEvent = (flow: Flow, d: Delivery, from: Route, to: Route, reason: string): Envelope =>
  NotificationsDeliveryFellBackV1.envelope({
    ...fields(flow, d),
    data: {
      deliveryId: d.deliveryId,
      memberId: d.memberId,
      kind: d.kind,
      from,
      to,
      reason: reason.slice(0, 500),
    },
  });

export const failedEvent = (flow: Flow, d: Delivery, reason: string, attempts: number): Envelope =>
  NotificationsDeliveryFailedV1.envelope({
    ...fields(flow, d),
    data: {
      deliveryId: d.deliveryId,
      memberId: d.memberId,
      kind: d.kind,
      reason: reason.slice(0, 500),
      attempts,
    },
  });

/** A provider's report that the member's device got (or showed) the message. */
export const reachedEvent = (flow: Flow, d: Delivery, route: Route, status: 'delivered' | 'read'): Envelope =>
  (status === 'delivered' ? NotificationsDeliveryDeliveredV1 : NotificationsDeliveryReadV1).envelope({
    ...fields(flow, d),
    data: { deliveryId: d.deliveryId, memberId: d.memberId, kind: d.kind, ...route },
  });
