import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@sportclub/auth';
import { isStaff } from '../../auth/auth.guard';
import type { GetMemberHandler } from '../../members/application/get-member/get-member.handler';

/**
 * The member a forwarded route acts for: the caller (no `memberId`, or their own), or — for staff only —
 * a member of the caller's club (404 for anyone else's). A member naming another member is 403 with
 * `reason`.
 */
export async function memberAsked(
  members: GetMemberHandler,
  p: Principal,
  memberId: string | undefined,
  reason: string,
): Promise<string> {
  if (memberId === undefined || memberId === p.subject) return p.subject;
  if (!isStaff(p)) throw new ForbiddenException({ error: 'forbidden', reason });
  await members.execute(p.tenantId, memberId);
  return memberId;
}
