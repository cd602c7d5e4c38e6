/**
 * The one port every messaging provider sits behind: Twilio (WhatsApp and SMS), the WhatsApp Cloud
 * API, Firebase Cloud Messaging and SMTP each have one adapter. The delivery (application) decides the
 * order of channels and providers; an adapter only sends one message and classifies the answer.
 *
 * Errors an adapter throws:
 * - `RecipientUnreachableError`: this address will never take the message (FCM `UNREGISTERED` /
 *   `INVALID_ARGUMENT` on the token, Twilio 21211/21614/63003 on `To`, an SMTP 5xx on `RCPT TO`).
 *   Not retried; the delivery falls back, and a push token is removed.
 * - `MessageRefusedError`: the provider refuses this message itself (WhatsApp's 24-hour window,
 *   a template it does not know, a body too long). Not retried; the delivery falls back.
 * - `OutcomeUnknownError`, only from a provider that can list what it accepted (`findAccepted`): the
 *   request went out and no answer came (a timeout, a dropped connection, a 500/502/504). Not retried
 *   blindly: the delivery waits on this route and asks the provider before sending again.
 * - anything else is an outage (network fault, timeout, 429, 5xx, an open breaker): retried by the
 *   resilience layer inside the adapter, then the delivery falls back to the next provider or channel.
 */

import type { Channel, ProviderName } from '../../../shared/domain/channels';

export { CHANNELS, PROVIDERS, type Channel, type ProviderName } from '../../../shared/domain/channels';

/** One message to one address, already rendered. */
export interface OutgoingMessage {
  tenantId: string;
  /** The delivery this attempt belongs to; providers that take a reference get it (e.g. FCM data). */
  deliveryId: string;
  /** Unique per attempt: Twilio's status callbacks and SMTP's Message-ID carry it back. */
  attemptId: string;
  channel: Channel;
  /** E.164 phone (`+5511987654321`) for whatsapp/sms, an FCM registration token, or an e-mail address. */
  to: string;
  /** Push title and e-mail subject. */
  title: string;
  /** Plain text: the WhatsApp/SMS body, the push body, the e-mail text part. */
  body: string;
  /**
   * WhatsApp outside the member's 24-hour customer-service window: the provider's approved template
   * and its positional parameters, sent instead of the free-form body.
   */
  whatsappTemplate?: { name: string; language: string; parameters: string[] };
}

/** The provider took the message; its id comes back on status callbacks. */
export interface ProviderAcceptance {
  providerMessageId: string;
}

/** What one adapter does. */
export interface ChannelProvider {
  readonly provider: ProviderName;
  readonly channels: readonly Channel[];
  send(message: OutgoingMessage): Promise<ProviderAcceptance>;
  /**
   * Reconciliation after a crash, for providers that can list what they accepted. None of them takes an
   * idempotency key for a message, so a process killed after the provider took a message and before
   * its attempt was recorded cannot simply send again: the re-run asks first. Answers the provider
   * message ids of messages this account sent to `message.to` on `message.channel` from the club's
   * sender, created at or after `since` (and, for a free-form message, with its body), newest first.
   * They are candidates: the caller takes one that no other attempt has recorded. Throws (an outage)
   * when the provider cannot answer — the caller must not send blindly then.
   */
  findAccepted?(message: OutgoingMessage, since: Date): Promise<string[]>;
}

/** All adapters, in the order a channel tries its providers (WhatsApp: Twilio, then Cloud API). */
export const CHANNEL_PROVIDERS = Symbol('CHANNEL_PROVIDERS');

/** How a send failed in the port's terms; `reason` is the provider's words (code and message). */
abstract class SendError extends Error {
  constructor(
    readonly reason: string,
    cause?: unknown,
  ) {
    super(reason, { cause });
  }
}

/** This address will never take the message. */
export class RecipientUnreachableError extends SendError {
  override name = 'RecipientUnreachableError';
}

/** The provider refuses this message (not the address, not an outage). */
export class MessageRefusedError extends SendError {
  override name = 'MessageRefusedError';
}

/**
 * The provider may or may not have taken the message: the request went out and no answer came back.
 * Thrown only by adapters with `findAccepted`, which can later tell which it was.
 */
export class OutcomeUnknownError extends SendError {
  override name = 'OutcomeUnknownError';
}
