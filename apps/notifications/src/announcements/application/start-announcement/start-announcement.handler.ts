import { Inject, Injectable } from '@nestjs/common';
import { NotificationsPlanAnnouncementV1 } from '@sportclub/contracts';
import type { Transaction } from '@sportclub/service-kit';
import {
  PREFERENCES_REPOSITORY,
  type PreferencesRepositoryPort,
} from '../../../contacts/application/ports/preferences.repository.port';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { Flow } from '../../../shared/domain/flow';
import type { Announcement } from '../../domain/announcement';
import {
  ANNOUNCEMENTS_REPOSITORY,
  type AnnouncementsRepositoryPort,
} from '../ports/announcements.repository.port';

export interface StartAnnouncement {
  announcementId: string;
  title: string;
  text: string;
  memberIds?: string[];
  requestedBy: string;
}

/**
 * Starts an announcement in the caller's transaction: counts the consenting members of the segment,
 * keeps the announcement and writes its first planning step (run by this process after the commit).
 * The same id again starts nothing and answers the existing one.
 */
@Injectable()
export class StartAnnouncementHandler {
  constructor(
    @Inject(ANNOUNCEMENTS_REPOSITORY) private readonly announcements: AnnouncementsRepositoryPort,
    @Inject(PREFERENCES_REPOSITORY) private readonly preferences: PreferencesRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
  ) {}

  async execute(tx: Transaction, flow: Flow, s: StartAnnouncement): Promise<Announcement> {
    const existing = await this.announcements.find(tx, flow.tenantId, s.announcementId);
    if (existing) return existing;
    const memberIds = s.memberIds && [...new Set(s.memberIds)];
    const a: Announcement = {
      ...s,
      ...(memberIds && { memberIds }),
      tenantId: flow.tenantId,
      status: 'planning',
      total: await this.preferences.countConsentingMembers(tx, flow.tenantId, memberIds),
      planned: 0,
      cursor: '',
      nextBatchAt: new Date().toISOString(),
      createdAt: new Date().toISOString(),
    };
    if (!(await this.announcements.insert(tx, a))) {
      return (await this.announcements.find(tx, flow.tenantId, s.announcementId))!;
    }
    await this.outbox.publish(
      tx,
      NotificationsPlanAnnouncementV1.envelope({
        source: 'notifications',
        ...flow,
        subject: a.announcementId,
        data: { announcementId: a.announcementId },
      }),
    );
    return a;
  }
}
