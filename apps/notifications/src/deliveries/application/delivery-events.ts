import {
  NotificationsDeliveryDeliveredV1,
  NotificationsDeliveryDeliveredV2,
  NotificationsDeliveryFailedV1,
  NotificationsDeliveryFailedV2,
  NotificationsDeliveryFellBackV1,
  NotificationsDeliveryFellBackV2,
  NotificationsDeliveryReadV1,
  NotificationsDeliveryReadV2,
  NotificationsDeliverySentV1,
  NotificationsDeliverySentV2,
  NotificationsSendDeliveryV1,
  type Envelope,
} from '@sportclub/contracts';
import type { Route } from '../../shared/domain/channels';
import type { Flow } from '../../shared/domain/flow';
import { isV1Kind } from '../../templates/domain/templates';
import type { Delivery } from '../domain/delivery';

const fields = (flow: Flow, d: Delivery) => ({ source: 'notifications', subject: d.deliveryId, ...flow });

/** The fields every delivery event carries. */
type Common = { deliveryId: string; memberId: string; kind: string };
interface Versions<D> {
  v1: { envelope(input: ReturnType<typeof fields> & { data: D & Common }): Envelope };
  v2: { envelope(input: ReturnType<typeof fields> & { data: D & Common }): Envelope };
}

/**
 * A delivery's fact in v2 (every kind) and, while v1 consumers remain, in v1 beside it for the kinds
 * v1 knows — both on `notifications.delivery.v1`, keyed by the delivery, v1 first.
 */
function both<D extends object>(versions: Versions<D>, flow: Flow, d: Delivery, data: D): Envelope[] {
  const input = {
    ...fields(flow, d),
    data: { deliveryId: d.deliveryId, memberId: d.memberId, kind: d.kind, ...data },
  };
  return [...(isV1Kind(d.kind) ? [versions.v1.envelope(input)] : []), versions.v2.envelope(input)];
}

/** The local step that sends a delivery's current route (run by this process right after the commit). */
export const sendStep = (flow: Flow, d: Delivery): Envelope =>
  NotificationsSendDeliveryV1.envelope({ ...fields(flow, d), data: { deliveryId: d.deliveryId } });

export const sentEvents = (flow: Flow, d: Delivery, route: Route, attempts: number): Envelope[] =>
  both({ v1: NotificationsDeliverySentV1, v2: NotificationsDeliverySentV2 }, flow, d, { ...route, attempts });

export const fellBackEvents = (flow: Flow, d: Delivery, from: Route, to: Route, reason: string): Envelope[] =>
  both({ v1: NotificationsDeliveryFellBackV1, v2: NotificationsDeliveryFellBackV2 }, flow, d, {
    from,
    to,
    reason: reason.slice(0, 500),
  });

export const failedEvents = (flow: Flow, d: Delivery, reason: string, attempts: number): Envelope[] =>
  both({ v1: NotificationsDeliveryFailedV1, v2: NotificationsDeliveryFailedV2 }, flow, d, {
    reason: reason.slice(0, 500),
    attempts,
  });

/** A provider's report that the member's device got (or showed) the message. */
export const reachedEvents = (
  flow: Flow,
  d: Delivery,
  route: Route,
  status: 'delivered' | 'read',
): Envelope[] =>
  both(
    status === 'delivered'
      ? { v1: NotificationsDeliveryDeliveredV1, v2: NotificationsDeliveryDeliveredV2 }
      : { v1: NotificationsDeliveryReadV1, v2: NotificationsDeliveryReadV2 },
    flow,
    d,
    route,
  );
