import type { Flow } from '../../../flows/domain/flows';

/**
 * The landing zone: every payload an ERP client sent (webhook) or we fetched from it (extract page),
 * kept exactly as it came, once, never changed. What is processed later can always be replayed from here.
 */
export const LANDING = Symbol('LANDING');

export type LandingKind = 'webhook' | 'extract';

export interface LandingInput {
  client: string;
  flow: Flow;
  kind: LandingKind;
  /** The client's event id for a webhook, the page cursor for an extract: what makes a copy a copy. */
  eventId: string;
  receivedAt: Date;
  /** The body as received, decoded as UTF-8 and otherwise untouched (what the signature covered). */
  body: string;
  /** The request headers worth keeping for audit (signature, content type, user agent), lower-case. */
  headers: Record<string, string>;
  sourceIp: string | null;
}

export interface LandedPayload extends LandingInput {
  id: string;
}

export interface LandingQuery {
  client: string;
  flow?: Flow;
  kind?: LandingKind;
  /** Received at or after. */
  from: Date;
  /** Received before. */
  to: Date;
  /** At most this many, oldest first; 500 unless told. */
  limit?: number;
}

export interface LandingPort {
  /** 'duplicate' when the client's event (or page) has already landed: nothing is written. */
  land(input: LandingInput): Promise<'landed' | 'duplicate'>;
  /** One client's payloads received in [from, to), oldest first, for replay. */
  find(query: LandingQuery): Promise<LandedPayload[]>;
}
