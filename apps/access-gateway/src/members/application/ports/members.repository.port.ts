import type { Transaction } from '@sportclub/service-kit';
import type { Member, MemberStatus } from '../../domain/member';

export interface MemberProfile {
  memberId: string;
  name?: string;
  email?: string;
}

/** The club's members directory; every call is scoped to one tenant. */
export interface MembersRepository {
  /** Inside `tx` when given (a caller already holding a transaction must not wait for a second connection). */
  find(tenantId: string, memberId: string, tx?: Transaction): Promise<Member | undefined>;
  /** The member, created active when unknown (first call of a club's Keycloak user). */
  enrol(tenantId: string, memberId: string): Promise<Member>;
  /** Adds the unknown ones and updates the profile of known ones; statuses are kept. */
  upsertMany(tenantId: string, members: MemberProfile[]): Promise<{ created: string[]; updated: string[] }>;
  setStatus(
    tenantId: string,
    memberId: string,
    status: MemberStatus,
    reason: string | null,
  ): Promise<Member | undefined>;
  list(tenantId: string, filter: { status?: MemberStatus; limit: number; after?: string }): Promise<Member[]>;
}

export const MEMBERS_REPOSITORY = Symbol('MEMBERS_REPOSITORY');
