import { Inject, Injectable, Logger } from '@nestjs/common';
import { backoff } from '@sportclub/resilience';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { storableText } from '../../domain/provider-text';
import { PAYMENT_GATEWAYS, PaymentRefusedError, type PaymentGateways } from '../ports/payment-gateway.port';
import { PAYMENT_REPOSITORY, type PaymentRepositoryPort } from '../ports/payment.repository.port';
import {
  PROVIDER_EVENT_REPOSITORY,
  type ProviderEventRepositoryPort,
} from '../ports/provider-event.repository.port';
import { RecordPaymentHandler } from '../record-payment/record-payment.handler';

/** After this many tries an event whose payment is still unknown (or unreachable) is set aside, logged. */
const MAX_ATTEMPTS = 12;

/**
 * Works off one stored provider event: fetches the payment from its provider and reconciles it, then
 * marks the event processed — one transaction per event, claimed with SKIP LOCKED so replicas share the
 * work. An event whose payment is not recorded yet, or whose provider is unreachable, is tried again
 * with backoff; one the provider refuses to look up is unprocessable at once. The reconciliation runs
 * behind a savepoint, so even a database error in it is recorded
 * as a failed attempt instead of failing the event's whole transaction again every second.
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
    return this.db.run(async (m) => {
      const e = await this.events.claimDue(m);
      if (!e) return false;
      let error: string;
      try {
        const outcome = await this.db.savepoint(m, async (sp) => {
          const tenant = (await this.payments.findByProviderRef(sp, e.provider, e.providerRef, false))
            ?.tenantId;
          if (!tenant) return undefined;
          const observed = await this.gateways.get(e.provider).fetch(tenant, e.providerRef);
          const reconciled = await this.record.reconcile(sp, e.provider, e.providerRef, observed);
          await this.events.markProcessed(sp, e);
          return reconciled;
        });
        if (outcome) {
          this.logger.debug(`${e.provider} event ${e.eventId} for ${e.providerRef}: ${outcome}`);
          return true;
        }
        error = `no payment with ${e.provider} reference ${e.providerRef} (yet)`;
      } catch (failure) {
        if (failure instanceof PaymentRefusedError) {
          // The provider refuses the request itself (an unknown reference): asking again cannot help.
          const reason = storableText(failure.reason);
          this.logger.error(`${e.provider} event ${e.eventId} unprocessable: ${reason}`);
          await this.events.markUnprocessable(m, e, reason);
          return true;
        }
        error = storableText((failure as Error).message);
      }
      const attempts = e.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      if (giveUp)
        this.logger.error(`${e.provider} event ${e.eventId} set aside after ${attempts} attempts: ${error}`);
      await this.events.retryLater(m, e, {
        attempts,
        error,
        delaySeconds: backoff(attempts, { baseMs: 200, maxMs: 60_000, jitter: 'equal' }) / 1000,
        giveUp,
      });
      return true;
    });
  }
}
