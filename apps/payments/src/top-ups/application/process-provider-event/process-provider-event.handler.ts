import { Inject, Injectable, Logger } from '@nestjs/common';
import { backoff } from '@sportclub/resilience';
import { TRANSACTIONS, type Transaction, type Transactions } from '@sportclub/service-kit';
import { storableText } from '../../domain/provider-text';
import { PAYMENT_GATEWAYS, PaymentRefusedError, type PaymentGateways } from '../ports/payment-gateway.port';
import { PAYMENT_REPOSITORY, type PaymentRepositoryPort } from '../ports/payment.repository.port';
import {
  PROVIDER_EVENT_REPOSITORY,
  type DueProviderEvent,
  type ProviderEventRepositoryPort,
} from '../ports/provider-event.repository.port';
import { RecordPaymentHandler } from '../record-payment/record-payment.handler';

/** After this many tries an event whose payment is still unknown (or unreachable) is set aside, logged. */
const MAX_ATTEMPTS = 12;

/**
 * How long a claimed event is not offered to another processor: beyond the provider caller's worst case
 * (three tries of at most 10 s, with their backoff), so only a crashed processor's event is taken over.
 */
const EVENT_LEASE_SECONDS = 60;

/**
 * Works off one stored provider event: fetches the payment from its provider and reconciles it, then
 * marks the event processed. No transaction is open while the provider is asked: a short one claims
 * the event — leased, with SKIP LOCKED, so replicas share the work — and finds the payment's tenant,
 * the fetch runs, and another reconciles the payment and marks the event in one commit. An event whose
 * payment is not recorded yet, or whose provider is unreachable, is tried again with backoff; one the
 * provider refuses to look up is unprocessable at once. A reconciliation that fails — a database error
 * included — rolls back alone and is recorded as a failed attempt in a transaction of its own, instead
 * of failing the event again every second.
 */
@Injectable()
export class ProcessProviderEventHandler {
  private readonly logger = new Logger('ProviderEvents');

  constructor(
    @Inject(TRANSACTIONS) private readonly db: Transactions,
    @Inject(PROVIDER_EVENT_REPOSITORY) private readonly events: ProviderEventRepositoryPort,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepositoryPort,
    @Inject(PAYMENT_GATEWAYS) private readonly gateways: PaymentGateways,
    private readonly record: RecordPaymentHandler,
  ) {}

  /** True when an event was claimed (processed or rescheduled). */
  async processOne(): Promise<boolean> {
    const claimed = await this.db.run(async (tx) => {
      const e = await this.events.claimDue(tx, EVENT_LEASE_SECONDS);
      if (!e) return undefined;
      const tenant = (await this.payments.findByProviderRef(tx, e.provider, e.providerRef, false))?.tenantId;
      if (!tenant)
        await this.retryLater(tx, e, `no payment with ${e.provider} reference ${e.providerRef} (yet)`);
      return { e, tenant };
    });
    if (!claimed) return false;
    const { e, tenant } = claimed;
    if (!tenant) return true;
    let error: string;
    try {
      const observed = await this.gateways.get(e.provider).fetch(tenant, e.providerRef);
      const outcome = await this.db.run(async (tx) => {
        const reconciled = await this.record.reconcile(tx, e.provider, e.providerRef, observed);
        await this.events.markProcessed(tx, e);
        return reconciled;
      });
      this.logger.debug(`${e.provider} event ${e.eventId} for ${e.providerRef}: ${outcome}`);
      return true;
    } catch (failure) {
      if (failure instanceof PaymentRefusedError) {
        // The provider refuses the request itself (an unknown reference): asking again cannot help.
        const reason = storableText(failure.reason);
        this.logger.error(`${e.provider} event ${e.eventId} unprocessable: ${reason}`);
        await this.db.run((tx) => this.events.markUnprocessable(tx, e, reason));
        return true;
      }
      error = storableText((failure as Error).message);
    }
    await this.db.run((tx) => this.retryLater(tx, e, error));
    return true;
  }

  /** A failed attempt: tried again after a backoff, or set aside for good after MAX_ATTEMPTS. */
  private async retryLater(tx: Transaction, e: DueProviderEvent, error: string): Promise<void> {
    const attempts = e.attempts + 1;
    const giveUp = attempts >= MAX_ATTEMPTS;
    if (giveUp)
      this.logger.error(`${e.provider} event ${e.eventId} set aside after ${attempts} attempts: ${error}`);
    await this.events.retryLater(tx, e, {
      attempts,
      error,
      delaySeconds: backoff(attempts, { baseMs: 200, maxMs: 60_000, jitter: 'equal' }) / 1000,
      giveUp,
    });
  }
}
