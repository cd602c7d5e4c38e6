import { Inject, Injectable } from '@nestjs/common';
import { MemberSuspendedError, type Member } from '../../domain/member';
import { MEMBERS_REPOSITORY, type MembersRepository } from '../ports/members.repository.port';

/**
 * A club's Keycloak user with the `member` role becomes a member of that club on their first call; a
 * suspended member is refused every call of the app.
 */
@Injectable()
export class EnrolMemberHandler {
  constructor(@Inject(MEMBERS_REPOSITORY) private readonly members: MembersRepository) {}

  async execute(tenantId: string, memberId: string): Promise<Member> {
    const member =
      (await this.members.find(tenantId, memberId)) ?? (await this.members.enrol(tenantId, memberId));
    if (member.status !== 'active') throw new MemberSuspendedError();
    return member;
  }
}
