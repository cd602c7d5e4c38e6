import { Inject, Injectable } from '@nestjs/common';
import { NotificationsInboundMessageReceivedV1 } from '@sportclub/contracts';
import type { Transaction } from '@sportclub/service-kit';
import { OptOutHandler } from '../../../contacts/application/opt-out/opt-out.handler';
import {
  PREFERENCES_REPOSITORY,
  type PreferencesRepositoryPort,
} from '../../../contacts/application/ports/preferences.repository.port';
import { ApplyProviderStatusHandler } from '../../../deliveries/application/apply-provider-status/apply-provider-status.handler';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { ProviderName } from '../../../shared/domain/channels';
import type { Flow } from '../../../shared/domain/flow';
import { isOptOut } from '../../domain/webhook-items';
import { WEBHOOKS_REPOSITORY, type WebhooksRepositoryPort } from '../ports/webhooks.repository.port';

/**
 * Processes one stored webhook item in the caller's transaction (a second run finds it processed):
 * - a status moves its delivery (ApplyProviderStatusHandler);
 * - an inbound opt-out word withdraws the WhatsApp consent of the club's members with that number;
 * - any other inbound message becomes an event for the club's staff.
 */
@Injectable()
export class ProcessWebhookHandler {
  constructor(
    @Inject(WEBHOOKS_REPOSITORY) private readonly webhooks: WebhooksRepositoryPort,
    @Inject(PREFERENCES_REPOSITORY) private readonly preferences: PreferencesRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    private readonly statuses: ApplyProviderStatusHandler,
    private readonly optOut: OptOutHandler,
  ) {}

  async execute(tx: Transaction, flow: Flow, provider: ProviderName, eventId: string) {
    const stored = await this.webhooks.find(tx, provider, eventId);
    if (!stored || stored.processed) return;
    const { item, tenantId } = stored;
    const f = { ...flow, tenantId };
    if (item.type === 'status') {
      await this.statuses.execute(tx, f, item);
    } else if (isOptOut(item.text)) {
      await this.optOut.execute(tx, tenantId, item.from, 'whatsapp', new Date(item.receivedAt));
    } else {
      await this.preferences.openWhatsAppWindow(tx, tenantId, item.from, new Date(item.receivedAt));
      const [memberId] = await this.preferences.membersWithPhone(tx, tenantId, item.from);
      await this.outbox.publish(
        tx,
        NotificationsInboundMessageReceivedV1.envelope({
          source: 'notifications',
          ...f,
          subject: item.messageId,
          data: {
            messageId: item.messageId,
            provider: item.provider,
            ...(memberId && { memberId }),
            from: item.from,
            text: item.text,
            receivedAt: item.receivedAt,
          },
        }),
      );
    }
    await this.webhooks.markProcessed(tx, provider, eventId);
  }
}
