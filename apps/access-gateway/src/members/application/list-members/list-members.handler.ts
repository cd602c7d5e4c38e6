import { Inject, Injectable } from '@nestjs/common';
import type { Member, MemberStatus } from '../../domain/member';
import { MEMBERS_REPOSITORY, type MembersRepository } from '../ports/members.repository.port';

/** The club's members in id order, a page at a time (`after` = the last id of the previous page). */
@Injectable()
export class ListMembersHandler {
  constructor(@Inject(MEMBERS_REPOSITORY) private readonly members: MembersRepository) {}

  execute(
    tenantId: string,
    filter: { status?: MemberStatus; limit: number; after?: string },
  ): Promise<Member[]> {
    return this.members.list(tenantId, filter);
  }
}
