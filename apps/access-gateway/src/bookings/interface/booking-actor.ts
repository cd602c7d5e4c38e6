import type { Principal } from '@sportclub/auth';
import { isStaff } from '../../auth/auth.guard';
import type { BookingActor } from '../domain/booking';

/** The caller as the bookings context sees them: a member for themselves, or the club's staff. */
export const actorOf = (p: Principal): BookingActor => ({
  tenantId: p.tenantId,
  subject: p.subject,
  staff: isStaff(p),
});
