import { Inject, Injectable } from '@nestjs/common';
import {
  MEMBERS_REPOSITORY,
  type MemberProfile,
  type MembersRepository,
} from '../ports/members.repository.port';

/** Staff invite one member or import a list (their Keycloak ids); known members keep their status. */
@Injectable()
export class ImportMembersHandler {
  constructor(@Inject(MEMBERS_REPOSITORY) private readonly members: MembersRepository) {}

  execute(tenantId: string, members: MemberProfile[]): Promise<{ created: string[]; updated: string[] }> {
    return this.members.upsertMany(tenantId, members);
  }
}
