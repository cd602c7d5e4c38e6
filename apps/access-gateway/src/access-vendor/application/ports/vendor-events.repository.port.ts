import type { Transaction } from '@sportclub/service-kit';

/** A check-out the vendor reported before the check-in's session opened here. */
export interface EarlyCheckout {
  eventId: string;
  endedAt: string;
  consumptionCentavos: number;
}

/** The access vendor's webhook events as received, once per event id. */
export interface VendorEventsRepository {
  /**
   * Keeps the event: the raw bytes exactly as signed, and the parsed JSON for queries (strings that
   * PostgreSQL's jsonb cannot hold, such as U+0000, are dropped from that copy only). `duplicate` when
   * the event id was stored already with the same body (a replay), `conflict` when with another body.
   */
  store(
    tx: Transaction,
    e: { eventId: string; eventType: string; rawBody: Buffer; payload: unknown },
  ): Promise<'stored' | 'duplicate' | 'conflict'>;
  setOutcome(tx: Transaction, eventId: string, outcome: string): Promise<void>;
  /** What `consumption.recorded` events put on a session, in centavos. */
  recordedConsumption(tx: Transaction, sessionId: string): Promise<number>;
  /** The oldest check-out still waiting for this session to open, if any. */
  awaitingCheckout(tx: Transaction, sessionId: string): Promise<EarlyCheckout | undefined>;
}

export const VENDOR_EVENTS_REPOSITORY = Symbol('VENDOR_EVENTS_REPOSITORY');
