import type { Transaction } from '@sportclub/service-kit';
import type { Announcement } from '../../domain/announcement';

export interface AnnouncementsRepositoryPort {
  /** False when an announcement with this id exists already (the same request again). */
  insert(tx: Transaction, a: Announcement): Promise<boolean>;
  find(
    tx: Transaction,
    tenantId: string | undefined,
    announcementId: string,
  ): Promise<Announcement | undefined>;
  /** The announcement locked for planning its next batch. */
  lock(tx: Transaction, announcementId: string): Promise<Announcement | undefined>;
  /** After a batch: the new cursor, how many were planned, whether it is done, when the next batch may go. */
  advance(
    tx: Transaction,
    announcementId: string,
    next: { cursor: string; plannedDelta: number; done: boolean; nextBatchAt: Date },
  ): Promise<void>;
}

export const ANNOUNCEMENTS_REPOSITORY = Symbol('ANNOUNCEMENTS_REPOSITORY');
