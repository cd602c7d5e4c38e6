/** Whose bookings a connection holds: one member's own, or every booking and court block of the club. */
export type CalendarScope = 'member' | 'club';

/** A connection's owner, as the gateway names it: the club, or one of its members. */
export interface Owner {
  tenantId: string;
  scope: CalendarScope;
  /** Set for `member`, absent for `club`. */
  memberId?: string;
}
