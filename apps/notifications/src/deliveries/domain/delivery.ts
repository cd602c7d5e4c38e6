import type { Channel, ProviderName, Route } from '../../shared/domain/channels';
import type { Kind } from '../../templates/domain/templates';

/**
 * A delivery: one thing a member is told, and the attempts it took. Its plan is the member's reachable
 * channels in their order, each expanded to the providers behind it (WhatsApp: Twilio, then the Cloud
 * API). `current` points at the route being tried; a route that cannot take the message moves it to
 * the next one (a fall-back); past the last, the delivery has failed.
 *
 *   pending ──accepted──► sent ──callback──► delivered ──► read
 *      │ └─route fails─► pending (next route)
 *      └─no route left─► failed
 */
export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface Delivery {
  deliveryId: string;
  tenantId: string;
  memberId: string;
  kind: Kind;
  status: DeliveryStatus;
  routes: Route[];
  current: number;
  attempts: number;
  /** The template variables, already formatted for the member's locale. */
  variables: Record<string, string>;
  reason?: string;
  /** Held for the member's quiet hours until then (an announcement; what answers the member's own act is not held). */
  heldUntil?: string;
  createdAt: string;
}

/** The routes of a plan: each channel through its providers, in order. */
export function planRoutes(
  channels: Channel[],
  providersOf: (channel: Channel) => readonly ProviderName[],
): Route[] {
  return channels.flatMap((channel) => providersOf(channel).map((provider) => ({ channel, provider })));
}

/** What a failed route leads to: the next route of the plan, or the end of it. */
export function afterRouteFailure(
  d: Pick<Delivery, 'routes' | 'current'>,
  skip: (route: Route) => boolean = () => false,
): { next: number } | { exhausted: true } {
  for (let i = d.current + 1; i < d.routes.length; i++) {
    if (!skip(d.routes[i])) return { next: i };
  }
  return { exhausted: true };
}

/** Statuses in the order a provider reports them: applied in this order when several wait. */
export const byProgress = (a: { status: DeliveryStatus }, b: { status: DeliveryStatus }) =>
  RANK[a.status] - RANK[b.status];

/** Statuses only move forward (callbacks arrive late, twice or out of order). */
const RANK: Record<DeliveryStatus, number> = { pending: 0, failed: 1, sent: 1, delivered: 2, read: 3 };
export function advances(from: DeliveryStatus, to: DeliveryStatus): boolean {
  return from !== 'failed' && RANK[to] > RANK[from];
}
