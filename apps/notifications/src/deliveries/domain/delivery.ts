import type { Channel, ProviderName, Route } from '../../shared/domain/channels';
import type { Kind } from '../../templates/domain/templates';

/**
 * A delivery: one thing a member is told, and the attempts it took. Its plan is the member's reachable
 * channels in their order, each expanded to the providers behind it (WhatsApp: Twilio, then the Cloud
 * API). `current` points at the route being tried; a route that cannot take the message moves it to
 * the next one (a fall-back); past the last, the delivery has failed.
 *
 *   pending ──accepted──► sent ──callback──► delivered ──► read
 *      │ └─route fails─► pending (next route; past the last, a new round after a hold)
 *      └─no route left─► failed
 *
 * A route fails either for the member (the message refused, the address unreachable or undeliverable,
 * no consent): its channel is ruled out for the rest of the delivery; or because the provider is down:
 * the route may be tried again in a later round.
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
  /** Rounds begun again from the first open route after every route was tried (provider outages). */
  rounds: number;
  /** Channels that failed for this member and are not tried again in this delivery. */
  ruledOut: Channel[];
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

/**
 * When every route is tried and some failed only for an outage, the delivery is held and tried again
 * from its first open route: after 1 min, then doubling up to 1 h, for this many rounds (about 5 h)
 * before it fails.
 */
export const OUTAGE_ROUNDS = 10;
const roundDelayMs = (round: number) => Math.min(60_000 * 2 ** round, 3_600_000);

/** A delivery's next move (the repository applies it only from the route and status it was decided on). */
export type Move =
  | { status: 'sent' }
  | {
      status: 'pending';
      next: number;
      reason: string;
      /** Not sent before then (a new round after an outage, or an outcome to reconcile). */
      heldUntil?: Date;
      ruleOut?: Channel;
      /** Counts a new round (Delivery.rounds). */
      newRound?: true;
    }
  | { status: 'failed'; reason: string; ruleOut?: Channel };

/**
 * What a failed route leads to. `ruleOut` is given when the route failed for the member (its channel
 * is not tried again); without it the provider was down. The next route of an open channel; past the
 * last, a new round from the first open route while rounds remain; else the end (`failed`).
 */
export function afterRouteFailure(
  d: Pick<Delivery, 'routes' | 'current' | 'rounds' | 'ruledOut'>,
  reason: string,
  ruleOut: Channel | undefined,
  now: Date,
): Exclude<Move, { status: 'sent' }> {
  const closed = ruleOut ? [...d.ruledOut, ruleOut] : d.ruledOut;
  const open = (i: number) => !closed.includes(d.routes[i].channel);
  const of = ruleOut ? { ruleOut } : {};
  for (let i = d.current + 1; i < d.routes.length; i++) {
    if (open(i)) return { status: 'pending', next: i, reason, ...of };
  }
  const first = d.routes.findIndex((_, i) => open(i));
  if (first < 0 || d.rounds >= OUTAGE_ROUNDS) return { status: 'failed', reason, ...of };
  const heldUntil = new Date(now.getTime() + roundDelayMs(d.rounds));
  return { status: 'pending', next: first, reason, heldUntil, newRound: true, ...of };
}

/** Statuses in the order a provider reports them: applied in this order when several wait. */
export const byProgress = (a: { status: DeliveryStatus }, b: { status: DeliveryStatus }) =>
  RANK[a.status] - RANK[b.status];

/** Statuses only move forward (callbacks arrive late, twice or out of order). */
const RANK: Record<DeliveryStatus, number> = { pending: 0, failed: 1, sent: 1, delivered: 2, read: 3 };
export function advances(from: DeliveryStatus, to: DeliveryStatus): boolean {
  return from !== 'failed' && RANK[to] > RANK[from];
}
