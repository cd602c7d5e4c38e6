import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { MemberNotFoundError, requireActive, type Member } from '../../domain/member';
import { MEMBERS_REPOSITORY, type MembersRepository } from '../ports/members.repository.port';

/** One member of the caller's club; another club's member is not found. */
@Injectable()
export class GetMemberHandler {
  constructor(@Inject(MEMBERS_REPOSITORY) private readonly members: MembersRepository) {}

  async execute(tenantId: string, memberId: string): Promise<Member> {
    const member = await this.members.find(tenantId, memberId);
    if (!member) throw new MemberNotFoundError();
    return member;
  }

  /** The member, if they belong to the club and are active (what a check-in or a card needs). */
  async active(tenantId: string, memberId: string, tx?: Transaction): Promise<Member> {
    return requireActive(await this.members.find(tenantId, memberId, tx));
  }
}
