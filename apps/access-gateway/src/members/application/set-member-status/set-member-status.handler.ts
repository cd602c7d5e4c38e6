import { Inject, Injectable } from '@nestjs/common';
import { MemberNotFoundError, type Member, type MemberStatus } from '../../domain/member';
import { MEMBERS_REPOSITORY, type MembersRepository } from '../ports/members.repository.port';

/** Staff suspend a member of their club (denied at the app and at the door) or reinstate them. */
@Injectable()
export class SetMemberStatusHandler {
  constructor(@Inject(MEMBERS_REPOSITORY) private readonly members: MembersRepository) {}

  async execute(
    tenantId: string,
    memberId: string,
    status: MemberStatus,
    reason: string | null,
  ): Promise<Member> {
    const member = await this.members.setStatus(
      tenantId,
      memberId,
      status,
      status === 'active' ? null : reason,
    );
    if (!member) throw new MemberNotFoundError();
    return member;
  }
}
