import { Inject, Injectable } from '@nestjs/common';
import type { Session } from '../../domain/session';
import { SESSIONS_REPOSITORY, type SessionsRepository } from '../ports/sessions.repository.port';

/** The latest 200 sessions of the club (staff) or of the member. */
@Injectable()
export class ListSessionsHandler {
  constructor(@Inject(SESSIONS_REPOSITORY) private readonly sessions: SessionsRepository) {}

  execute(tenantId: string, f: { memberId: string | null; activeOnly: boolean }): Promise<Session[]> {
    return this.sessions.list(tenantId, f);
  }
}
