import type { Member, MemberStatus } from '../../src/members/domain/member';
import type {
  MemberProfile,
  MembersRepository,
} from '../../src/members/application/ports/members.repository.port';

/** The members directory in memory, for unit specs of the use cases that need one. */
export class InMemoryMembersRepository implements MembersRepository {
  private readonly rows = new Map<string, Member>();

  async find(tenantId: string, memberId: string) {
    return this.rows.get(`${tenantId}/${memberId}`);
  }

  async enrol(tenantId: string, memberId: string) {
    return (await this.find(tenantId, memberId)) ?? this.put(tenantId, { memberId });
  }

  async upsertMany(tenantId: string, members: MemberProfile[]) {
    const created: string[] = [];
    const updated: string[] = [];
    for (const m of members) {
      const known = await this.find(tenantId, m.memberId);
      (known ? updated : created).push(m.memberId);
      this.put(tenantId, { ...known, ...m });
    }
    return { created, updated };
  }

  async setStatus(tenantId: string, memberId: string, status: MemberStatus, reason: string | null) {
    const known = await this.find(tenantId, memberId);
    return known && this.put(tenantId, { ...known, status, statusReason: reason });
  }

  async list(tenantId: string, f: { status?: MemberStatus; limit: number; after?: string }) {
    return [...this.rows.entries()]
      .filter(([k, m]) => k.startsWith(`${tenantId}/`) && (!f.status || m.status === f.status))
      .map(([, m]) => m)
      .filter((m) => !f.after || m.memberId > f.after)
      .sort((a, b) => a.memberId.localeCompare(b.memberId))
      .slice(0, f.limit);
  }

  private put(tenantId: string, m: Partial<Member> & { memberId: string }): Member {
    const now = new Date().toISOString();
    const member: Member = {
      status: 'active',
      name: null,
      email: null,
      statusReason: null,
      createdAt: now,
      ...m,
      updatedAt: now,
    };
    this.rows.set(`${tenantId}/${m.memberId}`, member);
    return member;
  }
}
