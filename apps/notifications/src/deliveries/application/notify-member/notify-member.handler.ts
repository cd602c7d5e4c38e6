import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import {
  PREFERENCES_REPOSITORY,
  type PreferencesRepositoryPort,
} from '../../../contacts/application/ports/preferences.repository.port';
import {
  defaultPreferences,
  quietUntil,
  reachableChannels,
  type Preferences,
} from '../../../contacts/domain/preferences';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { Flow } from '../../../shared/domain/flow';
import type { Kind } from '../../../templates/domain/templates';
import { planRoutes, type Delivery } from '../../domain/delivery';
import { ChannelProviders } from '../channel-providers';
import { failedEvents, sendStep } from '../delivery-events';
import { DELIVERIES_REPOSITORY, type DeliveriesRepositoryPort } from '../ports/deliveries.repository.port';

export interface Notification {
  memberId: string;
  kind: Kind;
  /** What this notification answers (the event id): the member is told once per source. */
  sourceId: string;
  /** Wait for the member's quiet hours to end (announcements; not what answers the member's own act). */
  respectQuietHours?: boolean;
  /** The template's variables, formatted in the member's locale and time zone. */
  variables: (member: Pick<Preferences, 'locale' | 'timeZone'>) => Record<string, string>;
}

/**
 * Decides how a member is told something, in the caller's transaction: the plan is the member's
 * consented channels that have an address, in their order, each through its providers. The delivery
 * is written with its first send as a local step (sent right after the commit). A member with no such
 * channel gets a failed delivery (staff see why) and nothing is sent. Returns the delivery, or
 * undefined when this source already told this member.
 */
@Injectable()
export class NotifyMemberHandler {
  constructor(
    @Inject(PREFERENCES_REPOSITORY) private readonly preferences: PreferencesRepositoryPort,
    @Inject(DELIVERIES_REPOSITORY) private readonly deliveries: DeliveriesRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    private readonly providers: ChannelProviders,
  ) {}

  async execute(tx: Transaction, flow: Flow, n: Notification): Promise<Delivery | undefined> {
    const member =
      (await this.preferences.find(tx, flow.tenantId, n.memberId)) ?? defaultPreferences(n.memberId);
    const routes = planRoutes(reachableChannels(member), (c) => this.providers.providersOf(c));
    const heldUntil = n.respectQuietHours && routes.length ? quietUntil(member, new Date()) : undefined;
    const delivery: Delivery = {
      deliveryId: randomUUID(),
      tenantId: flow.tenantId,
      memberId: n.memberId,
      kind: n.kind,
      status: routes.length ? 'pending' : 'failed',
      routes,
      current: 0,
      attempts: 0,
      rounds: 0,
      ruledOut: [],
      variables: n.variables(member),
      ...(!routes.length && { reason: 'the member consented to no channel that has an address' }),
      ...(heldUntil && { heldUntil: heldUntil.toISOString() }),
      createdAt: new Date().toISOString(),
    };
    if (!(await this.deliveries.insert(tx, delivery, n.sourceId))) return undefined;
    if (heldUntil) return delivery; // its send is written when the hold ends (ReleaseHeldDeliveriesHandler)
    await this.outbox.publish(
      tx,
      routes.length ? sendStep(flow, delivery) : failedEvents(flow, delivery, delivery.reason!, 0),
    );
    return delivery;
  }
}
