import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { ProviderName } from '../../../shared/domain/channels';
import type { Flow } from '../../../shared/domain/flow';
import { advances, afterRouteFailure } from '../../domain/delivery';
import { failedEvents, fellBackEvents, reachedEvents, sendStep } from '../delivery-events';
import { DELIVERIES_REPOSITORY, type DeliveriesRepositoryPort } from '../ports/deliveries.repository.port';

export interface ProviderStatus {
  provider: ProviderName;
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** With `failed`: the provider's error (code and words). */
  reason?: string;
}

/**
 * A provider's later word on a message it accepted (Twilio status callback, Meta status webhook), in
 * the caller's transaction. Statuses only move forward, whatever order callbacks arrive in; `delivered`
 * and `read` are published. A message the provider could not deliver after all (not a WhatsApp user,
 * the number gone) re-opens its delivery on the next channel — only while that message is still the
 * delivery's current route, so a late failure never undoes a later route's success. A status for a
 * message whose acceptance is not recorded yet is kept and applied when it is (SendDeliveryHandler).
 * `flow.tenantId` is the club whose webhook address brought the status: a status for another club's
 * message (posted, signed with this club's credentials, to this club's address) changes nothing.
 */
@Injectable()
export class ApplyProviderStatusHandler {
  constructor(
    @Inject(DELIVERIES_REPOSITORY) private readonly deliveries: DeliveriesRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
  ) {}

  async execute(tx: Transaction, flow: Flow, s: ProviderStatus): Promise<void> {
    await this.deliveries.lockProviderMessage(tx, s.provider, s.providerMessageId);
    const found = await this.deliveries.findByProviderMessage(tx, s.provider, s.providerMessageId);
    if (!found) {
      // The callback outran the send's own record (or the message is not ours): kept until it is recorded.
      await this.deliveries.stashEarlyStatus(tx, { ...s, tenantId: flow.tenantId });
      return;
    }
    if (found.delivery.tenantId !== flow.tenantId) return;
    const { delivery: d, routeIndex } = found;
    const route = d.routes[routeIndex];
    const f = { ...flow, tenantId: d.tenantId };
    if (s.status === 'failed') {
      if (d.current !== routeIndex || d.status !== 'sent') return;
      const reason = s.reason ?? `${s.provider} could not deliver it`;
      const move = afterRouteFailure(d, reason, route.channel, new Date());
      const moved = await this.deliveries.advance(tx, d.deliveryId, routeIndex, move, 'sent');
      if (!moved) return;
      await this.outbox.publish(
        tx,
        move.status === 'pending'
          ? [
              ...fellBackEvents(f, d, route, d.routes[move.next], reason),
              // A new round after an outage elsewhere is sent when its hold ends.
              ...(move.heldUntil ? [] : [sendStep(f, d)]),
            ]
          : failedEvents(f, d, reason, moved.attempts),
      );
      return;
    }
    if (s.status !== 'sent' && advances(d.status, s.status)) {
      if (await this.deliveries.setStatus(tx, d.deliveryId, d.status, s.status)) {
        await this.outbox.publish(tx, reachedEvents(f, d, route, s.status));
      }
    }
  }
}
