/**
 * An announcement: one message to a segment of a club's members who consented to a channel. It is
 * planned a batch at a time — each member of the batch gets a delivery (the announcement's id is its
 * source, so a member is planned once however often a batch is re-run) — from a cursor, the last member
 * id planned; a process that dies resumes from there.
 */
export interface Announcement {
  announcementId: string;
  tenantId: string;
  title: string;
  text: string;
  memberIds?: string[];
  requestedBy: string;
  status: 'planning' | 'planned';
  total: number;
  planned: number;
  cursor: string;
  nextBatchAt: string;
  createdAt: string;
}

export interface AnnouncementProgress {
  pending: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}

/** The source every delivery of the announcement carries. */
export const announcementSource = (announcementId: string) => `announcement:${announcementId}`;
