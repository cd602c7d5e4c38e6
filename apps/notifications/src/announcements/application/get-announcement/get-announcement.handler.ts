import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import {
  DELIVERIES_REPOSITORY,
  type DeliveriesRepositoryPort,
} from '../../../deliveries/application/ports/deliveries.repository.port';
import { announcementSource, type Announcement, type AnnouncementProgress } from '../../domain/announcement';
import {
  ANNOUNCEMENTS_REPOSITORY,
  type AnnouncementsRepositoryPort,
} from '../ports/announcements.repository.port';

/** An announcement of the club with its deliveries per status; undefined for another club's or none. */
@Injectable()
export class GetAnnouncementHandler {
  constructor(
    @Inject(ANNOUNCEMENTS_REPOSITORY) private readonly announcements: AnnouncementsRepositoryPort,
    @Inject(DELIVERIES_REPOSITORY) private readonly deliveries: DeliveriesRepositoryPort,
  ) {}

  async execute(
    tx: Transaction,
    tenantId: string,
    announcementId: string,
  ): Promise<(Announcement & { progress: AnnouncementProgress }) | undefined> {
    const a = await this.announcements.find(tx, tenantId, announcementId);
    if (!a) return undefined;
    return {
      ...a,
      progress: await this.deliveries.statusCounts(tx, tenantId, announcementSource(announcementId)),
    };
  }
}
