import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import type { Session } from '../../domain/session';
import { SESSIONS_REPOSITORY, type SessionsRepository } from '../ports/sessions.repository.port';

/** The session a member is on right now (at any court of the club), if any. */
@Injectable()
export class FindOpenSessionHandler {
  constructor(@Inject(SESSIONS_REPOSITORY) private readonly sessions: SessionsRepository) {}

  execute(tenantId: string, memberId: string, tx?: Transaction): Promise<Session | undefined> {
    return this.sessions.findOpenOfMember(tenantId, memberId, tx);
  }
}
