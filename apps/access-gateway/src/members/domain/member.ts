import { refusal } from '@sportclub/service-kit';

/**
 * A club's member: a Keycloak user (`memberId` is the token's `sub`) with a status in one club. A
 * suspended member is refused at the app and at the door; staff act only on members of their own club.
 */
export const MEMBER_STATUSES = ['active', 'suspended'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export interface Member {
  memberId: string;
  status: MemberStatus;
  name: string | null;
  email: string | null;
  /** Why the member was suspended (staff's words), null when active. */
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Another club's member, or nobody's, is simply not found (OWASP API1: no object-level leaks). */
export class MemberNotFoundError extends refusal(
  'not-found',
  'member_not_found',
  'no such member in this club',
  'memberId',
) {}

export class MemberSuspendedError extends refusal(
  'forbidden',
  'member_suspended',
  'the membership is suspended',
  'memberId',
) {}

/** The member, if active; otherwise the refusal that applies. */
export function requireActive(member: Member | undefined): Member {
  if (!member) throw new MemberNotFoundError();
  if (member.status !== 'active') throw new MemberSuspendedError();
  return member;
}
