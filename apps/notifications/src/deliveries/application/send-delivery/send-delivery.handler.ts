import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import {
  PREFERENCES_REPOSITORY,
  type PreferencesRepositoryPort,
} from '../../../contacts/application/ports/preferences.repository.port';
import {
  addressesOf,
  consentOf,
  defaultPreferences,
  whatsappWindowOpen,
} from '../../../contacts/domain/preferences';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { Route } from '../../../shared/domain/channels';
import type { Flow } from '../../../shared/domain/flow';
import { ResolveTemplateHandler } from '../../../templates/application/resolve-template/resolve-template.handler';
import { render } from '../../../templates/domain/templates';
import { afterRouteFailure, byProgress, type Delivery, type Move } from '../../domain/delivery';
import { ApplyProviderStatusHandler } from '../apply-provider-status/apply-provider-status.handler';
import { ChannelProviders } from '../channel-providers';
import { fellBackEvents, failedEvents, sendStep, sentEvents } from '../delivery-events';
import {
  MessageRefusedError,
  OutcomeUnknownError,
  RecipientUnreachableError,
  type ChannelProvider,
  type OutgoingMessage,
} from '../ports/channel-provider.port';
import {
  DELIVERIES_REPOSITORY,
  type Attempt,
  type DeliveriesRepositoryPort,
} from '../ports/deliveries.repository.port';
import { SEND_RATE, type SendRatePort } from '../ports/send-rate.port';

/**
 * How far before an attempt's start (the database's clock) a reconciliation looks at the provider
 * (another clock, at second precision): a message it took for this attempt cannot be older.
 */
const CLOCK_SKEW_MS = 5_000;

/**
 * How long a run holds an attempt (`calling`) without renewing it before another run may take it over:
 * longer than a provider call with all its retries (four tries of at most 10 s, backoffs of at most 1,
 * 2 and 4 s), so a run that has not finished by then has died; shorter would let two live runs call the
 * provider for one message. A run renews its hold before a call once RENEW_AFTER_MS of it have passed
 * (waiting for its place in the send rate can take long under load), so every call ends inside the lease.
 */
const ATTEMPT_LEASE_MS = 60_000;
const RENEW_AFTER_MS = 5_000;

/**
 * Claims of one attempt after which an outcome still unknown (the provider keeps timing out, or cannot
 * be asked) counts as the provider being down: the delivery moves on rather than wait for ever, at the
 * risk of one duplicate on the next route.
 */
const MAX_CLAIMS = 3;

/** How one route ended: accepted by the provider, or why not and what that rules out. */
type RouteOutcome =
  { accepted: true; providerMessageId: string } | { accepted: false; reason: string; skipChannel: boolean };

/**
 * Sends a delivery on its current route — the local step behind `notifications.send-delivery.v1`. No
 * transaction is open while a provider is called: the attempt is recorded first (so a process that dies
 * mid-call leaves a `calling` attempt that the re-run takes over), the call is made, then the outcome
 * and the next move are written in one short transaction with their events:
 * - accepted → `sent`;
 * - refused, unreachable or down → the next route: the next provider of the channel after an outage
 *   (Twilio ↔ Cloud API), the next channel when the address or the message is the problem;
 * - no route left → `failed`.
 * An attempt still `calling` from an earlier run may have reached the provider before that run died.
 * Providers take no idempotency key, so where the provider can list what it accepted (`findAccepted`:
 * Twilio) it is asked first, and a message it already took concludes the attempt without a second send;
 * when it cannot answer, or a send's outcome is unknown, the delivery is held on the route and asked
 * about again later rather than risk a duplicate (MAX_CLAIMS times, then the route counts as down).
 * Other providers are sent to again (at-least-once, docs/decisions/0015-notifications.md).
 * The consent and address are read again before the call: a member who opted out since is not sent to.
 * Push goes to each of the member's devices; a token FCM reports unregistered is removed. Every call
 * waits for its place in the club's send rate for the provider (SendRatePort).
 */
@Injectable()
export class SendDeliveryHandler {
  private readonly logger = new Logger('Deliveries');

  constructor(
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(DELIVERIES_REPOSITORY) private readonly deliveries: DeliveriesRepositoryPort,
    @Inject(PREFERENCES_REPOSITORY) private readonly preferences: PreferencesRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    private readonly templates: ResolveTemplateHandler,
    private readonly providers: ChannelProviders,
    private readonly statuses: ApplyProviderStatusHandler,
    @Inject(SEND_RATE) private readonly rate: SendRatePort,
  ) {}

  async execute(flow: Flow, deliveryId: string): Promise<void> {
    // One transaction reads what the send needs and, when there is something to send, records the attempt.
    const read = await this.transactions.run(async (tx) => {
      const d = await this.deliveries.find(tx, deliveryId);
      if (!d || d.status !== 'pending') return undefined;
      const member =
        (await this.preferences.find(tx, d.tenantId, d.memberId)) ?? defaultPreferences(d.memberId);
      const text = await this.templates.execute(tx, d.tenantId, d.kind, member.locale);
      const route = d.routes[d.current];
      const addresses = consentOf(member, route.channel) ? addressesOf(member, route.channel) : [];
      const provider = this.providers.get(route.provider);
      const attempt =
        addresses.length && provider
          ? await this.deliveries.startAttempt(tx, d.deliveryId, d.current, route)
          : undefined;
      return { d, member, text, route, addresses, provider, attempt };
    });
    if (!read) return; // sent, failed, or moved on by another run
    const { d, member, text, route, addresses, provider, attempt } = read;
    const flowOfDelivery = { ...flow, tenantId: d.tenantId };

    if (!addresses.length) {
      return this.conclude(flowOfDelivery, d, route, undefined, {
        accepted: false,
        reason: `no consent or address for ${route.channel} any more`,
        skipChannel: true,
      });
    }
    if (!provider || !attempt) {
      return this.conclude(flowOfDelivery, d, route, undefined, {
        accepted: false,
        reason: `${route.provider} is not configured`,
        skipChannel: false,
      });
    }
    if (attempt.status === 'accepted' && attempt.providerMessageId) {
      // The provider took it before the process died; only the delivery's move was lost.
      return this.conclude(flowOfDelivery, d, route, undefined, {
        accepted: true,
        providerMessageId: attempt.providerMessageId,
      });
    }
    const hold = attempt.takenOver
      ? await this.takeOver(attempt, d, route)
      : { claims: attempt.claims, since: Date.now(), reconcile: false };
    if (!hold) return; // the run that holds it finished it (the delivery moved on)

    const rendered = render(text, d.variables);
    const message = (to: string): OutgoingMessage => ({
      tenantId: d.tenantId,
      deliveryId: d.deliveryId,
      attemptId: attempt.attemptId,
      channel: route.channel,
      to,
      title: rendered.title,
      body: rendered.body,
      // Outside WhatsApp's 24-hour window only an approved template may start the conversation.
      ...(route.channel === 'whatsapp' &&
        rendered.whatsapp &&
        !whatsappWindowOpen(member, new Date()) && {
          whatsappTemplate: { ...rendered.whatsapp, language: member.locale.replace('-', '_') },
        }),
    });

    let earlier = new Map<string, string>();
    if (hold.reconcile) {
      try {
        earlier = await this.acceptedEarlier(d, provider, attempt, addresses.map(message));
      } catch (error) {
        // Sending blindly could send twice: ask again later, until the claims run out.
        const reason = (error as Error).message;
        return this.stillUnknown(flowOfDelivery, d, route, attempt, hold.claims, reason);
      }
    }

    let acceptedId: string | undefined;
    let failure: RouteOutcome | undefined;
    let unknown: OutcomeUnknownError | undefined;
    const unreachable: string[] = [];
    let lastReason = '';
    for (const to of addresses) {
      const already = earlier.get(to);
      if (already) {
        acceptedId ??= already;
        continue;
      }
      try {
        await this.rate.acquire(d.tenantId, route.provider);
        if (Date.now() - hold.since >= RENEW_AFTER_MS) {
          const renewed = await this.transactions.run((tx) =>
            this.deliveries.renewAttempt(tx, attempt.attemptId, hold.claims),
          );
          // Held too long without renewing (a stalled process): another run took it over and sends.
          if (!renewed) return;
          hold.since = Date.now();
        }
        acceptedId ??= (await provider.send(message(to))).providerMessageId;
      } catch (error) {
        if (error instanceof OutcomeUnknownError && provider.findAccepted) {
          unknown = error;
          break;
        }
        if (error instanceof RecipientUnreachableError) {
          unreachable.push(to);
          lastReason = error.reason;
          this.logger.warn(
            `delivery ${d.deliveryId}: a ${route.channel} address is unreachable (${error.reason})`,
          );
          continue;
        }
        failure =
          error instanceof MessageRefusedError
            ? { accepted: false, reason: error.reason, skipChannel: true }
            : {
                accepted: false,
                reason: `${route.provider} unavailable: ${(error as Error).message}`,
                skipChannel: false,
              };
        break;
      }
    }
    if (unknown && !acceptedId) {
      return this.stillUnknown(flowOfDelivery, d, route, attempt, hold.claims, unknown.reason);
    }
    const outcome: RouteOutcome = acceptedId
      ? { accepted: true, providerMessageId: acceptedId }
      : (failure ?? {
          accepted: false,
          reason:
            addresses.length === 1 ? lastReason : `no ${route.channel} address is reachable: ${lastReason}`,
          skipChannel: true,
        });
    return this.conclude(
      flowOfDelivery,
      d,
      route,
      attempt.attemptId,
      outcome,
      route.channel === 'push' ? unreachable : [],
    );
  }

  /**
   * Takes over an attempt an earlier run recorded, answering the hold this run then has (its claim
   * count, when it began, and whether the provider must be asked what it took first), or undefined once
   * the delivery moved on without it.
   * - `failed` (an outage round tries the route again): claimed at once, nothing to ask.
   * - `calling`: the same step can run twice at once (the relay's sweep and a direct run under load), so
   *   a hold renewed within ATTEMPT_LEASE_MS belongs to a run that is probably still calling: this run
   *   waits, and claims the attempt once the lease has passed unrenewed (that run died, or gave up on an
   *   unknown outcome) — then the provider may have taken the message, so it is asked.
   * Several runs may try together: the claim is a compare-and-set, one wins, the others wait on it.
   */
  private async takeOver(
    attempt: Attempt,
    d: Delivery,
    route: Route,
  ): Promise<{ claims: number; since: number; reconcile: boolean } | undefined> {
    let seen = attempt;
    for (;;) {
      if (seen.status === 'accepted') return undefined;
      const age = Date.now() - Date.parse(seen.heldSince);
      if (seen.status === 'failed' || age >= ATTEMPT_LEASE_MS) {
        const claimed = await this.transactions.run((tx) =>
          this.deliveries.claimAttempt(tx, seen.attemptId, seen.claims, ATTEMPT_LEASE_MS),
        );
        if (claimed) {
          return { claims: seen.claims + 1, since: Date.now(), reconcile: seen.status === 'calling' };
        }
      }
      await sleep(Math.max(50, Math.min(500, ATTEMPT_LEASE_MS - age)));
      const now = await this.transactions.run((tx) => this.deliveries.find(tx, d.deliveryId));
      if (!now || now.status !== 'pending' || now.current !== attempt.routeIndex) return undefined;
      seen = await this.transactions.run((tx) =>
        this.deliveries.startAttempt(tx, d.deliveryId, attempt.routeIndex, route),
      );
    }
  }

  /** An outcome still unknown: held to be asked about again, or, its claims spent, the route is down. */
  private stillUnknown(
    flow: Flow,
    d: Delivery,
    route: Route,
    attempt: Attempt,
    claims: number,
    reason: string,
  ) {
    if (claims < MAX_CLAIMS) return this.awaitReconciliation(d, attempt, reason);
    return this.conclude(flow, d, route, attempt.attemptId, {
      accepted: false,
      reason: `${route.provider} unavailable: ${reason}`,
      skipChannel: false,
    });
  }

  /**
   * The provider may have taken the message (OutcomeUnknownError), or could not be asked whether it did:
   * the attempt stays `calling`, unrenewed, and the delivery is held on this route until its lease has
   * passed; the run the release starts then claims it and asks the provider (`findAccepted`) before it
   * sends again — for at most MAX_CLAIMS claims, then the route counts as down.
   */
  private async awaitReconciliation(d: Delivery, attempt: Attempt, reason: string) {
    this.logger.warn(
      `delivery ${d.deliveryId}: attempt ${attempt.attemptId} may have reached the provider ` +
        `(${reason}); asking it before sending again`,
    );
    await this.transactions.run((tx) =>
      this.deliveries.advance(tx, d.deliveryId, d.current, {
        status: 'pending',
        next: d.current,
        reason,
        heldUntil: new Date(Date.now() + ATTEMPT_LEASE_MS + 1_000),
      }),
    );
  }

  /**
   * Per address, the message the provider already accepted for a taken-over attempt: the first of its
   * candidates since the attempt began that no attempt has recorded. Empty for a provider that cannot
   * list what it accepted. A look-up that fails throws.
   */
  private async acceptedEarlier(
    d: Delivery,
    provider: ChannelProvider,
    attempt: Attempt,
    messages: OutgoingMessage[],
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (!provider.findAccepted) return found;
    const since = new Date(Date.parse(attempt.startedAt) - CLOCK_SKEW_MS);
    for (const message of messages) {
      let candidates: string[];
      try {
        candidates = await provider.findAccepted(message, since);
      } catch (error) {
        throw new Error(
          `delivery ${d.deliveryId}: cannot ask ${provider.provider} whether attempt ${attempt.attemptId} ` +
            `was accepted before a crash; not sending blindly: ${(error as Error).message}`,
          { cause: error },
        );
      }
      const id = await this.transactions.run(async (tx) => {
        for (const candidate of candidates) {
          if (!(await this.deliveries.isRecorded(tx, provider.provider, candidate))) return candidate;
        }
        return undefined;
      });
      if (id) {
        found.set(message.to, id);
        this.logger.log(
          `delivery ${d.deliveryId}: ${provider.provider} had accepted ${id} for attempt ` +
            `${attempt.attemptId} before a crash; not sent again`,
        );
      }
    }
    return found;
  }

  /** Records the route's outcome and the delivery's next move, with their events, in one transaction. */
  private async conclude(
    flow: Flow,
    d: Delivery,
    route: Route,
    attemptId: string | undefined,
    outcome: RouteOutcome,
    staleTokens: string[] = [],
  ): Promise<void> {
    const move: Move = outcome.accepted
      ? { status: 'sent' }
      : afterRouteFailure(d, outcome.reason, outcome.skipChannel ? route.channel : undefined, new Date());
    await this.transactions.run(async (tx) => {
      // First, as ApplyProviderStatusHandler does: a status kept early for this message is seen below.
      if (outcome.accepted) {
        await this.deliveries.lockProviderMessage(tx, route.provider, outcome.providerMessageId);
      }
      if (attemptId) {
        await this.deliveries.finishAttempt(
          tx,
          attemptId,
          outcome.accepted ? { providerMessageId: outcome.providerMessageId } : { error: outcome.reason },
        );
      }
      for (const token of staleTokens) await this.preferences.removePushToken(tx, d.tenantId, token);
      const moved = await this.deliveries.advance(tx, d.deliveryId, d.current, move);
      if (!moved) return;
      const { attempts } = moved;
      if (move.status === 'sent') {
        await this.outbox.publish(tx, sentEvents(flow, d, route, attempts));
        // Callbacks that outran this record (providers call back within milliseconds) apply now.
        if (outcome.accepted) {
          const early = await this.deliveries.takeEarlyStatuses(
            tx,
            d.tenantId,
            route.provider,
            outcome.providerMessageId,
          );
          for (const status of early.sort(byProgress)) await this.statuses.execute(tx, flow, status);
        }
      } else if (move.status === 'pending') {
        await this.outbox.publish(tx, [
          ...fellBackEvents(flow, d, route, d.routes[move.next], move.reason),
          // A delivery held for an outage is sent again when its hold ends (ReleaseHeldDeliveriesHandler).
          ...(move.heldUntil ? [] : [sendStep(flow, d)]),
        ]);
      } else {
        await this.outbox.publish(tx, failedEvents(flow, d, move.reason, attempts));
      }
    });
  }
}
