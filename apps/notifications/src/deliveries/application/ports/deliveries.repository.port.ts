import type { Transaction } from '@sportclub/service-kit';
import type { Route } from '../../../shared/domain/channels';
import type { Delivery } from '../../domain/delivery';

export interface Attempt {
  attemptId: string;
  routeIndex: number;
  status: 'calling' | 'accepted' | 'failed';
  providerMessageId?: string;
}

/** Where a delivery's current route goes after an attempt. */
export type Advance =
  | { status: 'sent' }
  | { status: 'pending'; next: number; reason: string }
  | { status: 'failed'; reason: string };

export interface DeliveriesRepositoryPort {
  /** False when this member was already told about this source (a redelivered event). */
  insert(tx: Transaction, d: Delivery, sourceId: string): Promise<boolean>;
  find(tx: Transaction, deliveryId: string): Promise<Delivery | undefined>;
  /**
   * The attempt of the delivery's route `routeIndex`: a new one (`calling`), or the one a process that
   * died left behind (then `calling` still, or already finished).
   */
  startAttempt(tx: Transaction, deliveryId: string, routeIndex: number, route: Route): Promise<Attempt>;
  finishAttempt(
    tx: Transaction,
    attemptId: string,
    outcome: { providerMessageId: string } | { error: string },
  ): Promise<void>;
  /**
   * Moves the delivery on from route `from`, answering the attempts it has made; undefined when
   * another run already moved it.
   */
  advance(
    tx: Transaction,
    deliveryId: string,
    from: number,
    to: Advance,
  ): Promise<{ attempts: number } | undefined>;
}

export const DELIVERIES_REPOSITORY = Symbol('DELIVERIES_REPOSITORY');
