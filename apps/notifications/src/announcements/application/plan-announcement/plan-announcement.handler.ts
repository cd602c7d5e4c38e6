import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { NotificationsPlanAnnouncementV1 } from '@sportclub/contracts';
import { SERVICE_CONFIG, TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { NotificationsConfig } from '../../../config/notifications.config';
import {
  PREFERENCES_REPOSITORY,
  type PreferencesRepositoryPort,
} from '../../../contacts/application/ports/preferences.repository.port';
import { NotifyMemberHandler } from '../../../deliveries/application/notify-member/notify-member.handler';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { Flow } from '../../../shared/domain/flow';
import { announcementSource } from '../../domain/announcement';
import {
  ANNOUNCEMENTS_REPOSITORY,
  type AnnouncementsRepositoryPort,
} from '../ports/announcements.repository.port';

/**
 * Plans an announcement's next batch — the local step behind `notifications.plan-announcement.v1`:
 * waits until the batch is due (batches are paced to the club's send rate, so thousands of sends do not
 * all queue for the rate at once), then in one transaction gives each member of the batch a delivery
 * (sent right after the commit), moves the cursor and writes the next step. A re-run of a step whose
 * batch was already planned finds the cursor moved and does nothing; a member is planned once anyway
 * (the announcement is each delivery's source).
 */
@Injectable()
export class PlanAnnouncementHandler {
  constructor(
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(ANNOUNCEMENTS_REPOSITORY) private readonly announcements: AnnouncementsRepositoryPort,
    @Inject(PREFERENCES_REPOSITORY) private readonly preferences: PreferencesRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    private readonly notify: NotifyMemberHandler,
  ) {}

  async execute(flow: Flow, announcementId: string): Promise<void> {
    const seen = await this.transactions.run((tx) => this.announcements.find(tx, undefined, announcementId));
    if (!seen || seen.status !== 'planning') return;
    const wait = Date.parse(seen.nextBatchAt) - Date.now();
    if (wait > 0) await sleep(Math.min(wait, this.config.ANNOUNCEMENT_BATCH_INTERVAL_MS));

    await this.transactions.run(async (tx) => {
      const a = await this.announcements.lock(tx, announcementId);
      if (!a || a.status !== 'planning' || a.cursor !== seen.cursor) return; // another run planned it
      const f = { ...flow, tenantId: a.tenantId };
      const batch = this.config.ANNOUNCEMENT_BATCH_SIZE;
      const members = await this.preferences.consentingMembers(tx, a.tenantId, {
        memberIds: a.memberIds,
        after: a.cursor,
        limit: batch,
      });
      for (const memberId of members) {
        await this.notify.execute(tx, f, {
          memberId,
          kind: 'announcement',
          respectQuietHours: true,
          sourceId: announcementSource(a.announcementId),
          variables: () => ({ title: a.title, text: a.text }),
        });
      }
      const done = members.length < batch;
      await this.announcements.advance(tx, announcementId, {
        cursor: members.at(-1) ?? a.cursor,
        plannedDelta: members.length,
        done,
        nextBatchAt: new Date(Date.now() + this.config.ANNOUNCEMENT_BATCH_INTERVAL_MS),
      });
      if (!done) {
        await this.outbox.publish(
          tx,
          NotificationsPlanAnnouncementV1.envelope({
            source: 'notifications',
            ...f,
            subject: announcementId,
            data: { announcementId },
          }),
        );
      }
    });
  }
}
