import type { Transaction } from '@sportclub/service-kit';
import type { ProviderName, Route } from '../../../shared/domain/channels';
import type { Delivery, DeliveryStatus, Move } from '../../domain/delivery';
import type { Kind } from '../../../templates/domain/templates';

export interface Attempt {
  attemptId: string;
  routeIndex: number;
  status: 'calling' | 'accepted' | 'failed';
  providerMessageId?: string;
  /** When the attempt was first recorded (ISO-8601, the database's clock). */
  startedAt: string;
  /** Recorded by an earlier run (one that died, or one still running), not by this `startAttempt`. */
  takenOver: boolean;
  /** How many runs have claimed it since; the last claim (or the start) is `heldSince` (ISO-8601). */
  claims: number;
  heldSince: string;
}

/** Where a delivery's current route goes after an attempt. */
/** A delivery as staff list it. */
export interface DeliveryView {
  deliveryId: string;
  memberId: string;
  kind: Delivery['kind'];
  status: DeliveryStatus;
  route?: Route;
  attempts: number;
  reason?: string;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveriesQuery {
  memberId?: string;
  status?: DeliveryStatus;
  limit: number;
  /** Created strictly before (ISO-8601). */
  before?: string;
  /** After this position (a page's `nextCursor`). */
  cursor?: string;
  /** Only these kinds (a v1 caller knows only v1's). */
  kinds?: readonly Kind[];
}

/** A page of deliveries, and where the next one starts when this one is full. */
export interface DeliveriesPage {
  deliveries: DeliveryView[];
  nextCursor?: string;
}

/** A provider's status for one of its messages. */
export interface EarlyStatus {
  /** The club whose webhook address brought it. */
  tenantId: string;
  provider: ProviderName;
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  reason?: string;
}

export interface DeliveriesRepositoryPort {
  /**
   * Erases the member's deliveries and their attempts, answering how many and the provider message ids
   * they had (webhooks about them are erased too).
   */
  eraseMember(
    tx: Transaction,
    tenantId: string,
    memberId: string,
  ): Promise<{ deliveries: number; providerMessageIds: string[] }>;
  /** How many deliveries of a source (an announcement) are in each status. */
  statusCounts(tx: Transaction, tenantId: string, sourceId: string): Promise<Record<DeliveryStatus, number>>;
  /** Deliveries whose hold has ended, released (no longer held) and answered, at most `limit`. */
  releaseHeld(tx: Transaction, limit: number): Promise<Delivery[]>;
  /**
   * Until the transaction ends, holds the lock of one provider message: the transaction that records
   * its acceptance and takes the statuses kept early, and one that applies or keeps a status for it,
   * run one after the other — otherwise a status kept just after the take would wait for ever.
   */
  lockProviderMessage(tx: Transaction, provider: string, providerMessageId: string): Promise<void>;
  /** Keeps a status that arrived before its message's acceptance was recorded. */
  stashEarlyStatus(tx: Transaction, s: EarlyStatus): Promise<void>;
  /**
   * The statuses kept for a club's message, removed from the stash (the acceptance is being recorded
   * now); those another club's address brought stay.
   */
  takeEarlyStatuses(
    tx: Transaction,
    tenantId: string,
    provider: string,
    providerMessageId: string,
  ): Promise<EarlyStatus[]>;
  /** The club's deliveries, newest first. */
  list(tx: Transaction, tenantId: string, q: DeliveriesQuery): Promise<DeliveriesPage>;
  /** False when this member was already told about this source (a redelivered event). */
  insert(tx: Transaction, d: Delivery, sourceId: string): Promise<boolean>;
  find(tx: Transaction, deliveryId: string): Promise<Delivery | undefined>;
  /**
   * The attempt of the delivery's route `routeIndex`: a new one (`calling`), or the one a process that
   * died left behind (then `calling` still, or already finished).
   */
  startAttempt(tx: Transaction, deliveryId: string, routeIndex: number, route: Route): Promise<Attempt>;
  /** Whether some attempt at `provider` has recorded `providerMessageId` as its acceptance. */
  isRecorded(tx: Transaction, provider: ProviderName, providerMessageId: string): Promise<boolean>;
  /**
   * Claims an attempt for this run — one `failed` before (an outage round tries its route again), or one
   * still `calling` whose holder has not renewed it for `leaseMs` (that run died) — if no other run
   * claimed it since `claims` was read: one run only takes it. The attempt is `calling` again, held now.
   */
  claimAttempt(tx: Transaction, attemptId: string, claims: number, leaseMs: number): Promise<boolean>;
  /**
   * Renews the hold of the run that holds the attempt with `claims` claims (its `heldSince` becomes
   * now); false when another run has claimed it since — this run must not call the provider then.
   */
  renewAttempt(tx: Transaction, attemptId: string, claims: number): Promise<boolean>;
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
    to: Move,
    fromStatus?: 'pending' | 'sent',
  ): Promise<{ attempts: number } | undefined>;
  /** The delivery and route of the attempt a provider message id belongs to. */
  findByProviderMessage(
    tx: Transaction,
    provider: string,
    providerMessageId: string,
  ): Promise<{ delivery: Delivery; routeIndex: number } | undefined>;
  /** Moves a delivery's status forward from `from` (a callback); false when it was no longer `from`. */
  setStatus(tx: Transaction, deliveryId: string, from: DeliveryStatus, to: DeliveryStatus): Promise<boolean>;
  /** Deletes up to `limit` finished deliveries (sent … failed) created before `before`, answering how many. */
  prune(tx: Transaction, before: Date, limit: number): Promise<number>;
  /** Deletes up to `limit` early statuses kept since before `before` (their message never recorded). */
  pruneEarlyStatuses(tx: Transaction, before: Date, limit: number): Promise<number>;
}

export const DELIVERIES_REPOSITORY = Symbol('DELIVERIES_REPOSITORY');
