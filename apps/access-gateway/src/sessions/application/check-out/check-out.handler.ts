import { Inject, Injectable } from '@nestjs/common';
import {
  ACCESS_VENDOR,
  type AccessVendorPort,
} from '../../../access-vendor/application/ports/access-vendor.port';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { AccessVendorFailedError, SessionNotFoundError, type Session } from '../../domain/session';
import { CloseSessionHandler } from '../close-session/close-session.handler';
import { SESSIONS_REPOSITORY, type SessionsRepository } from '../ports/sessions.repository.port';

/** Who asks for a check-out: a member for their own session, staff for any of their club's. */
export interface CheckOutCaller {
  tenantId: string;
  memberId: string;
  staff: boolean;
}

/**
 * A member leaves the court (app, or the court's panel): the session is closed at the access vendor
 * first — if the vendor fails, it stays open here too — and only then here, with its event.
 */
@Injectable()
export class CheckOutHandler {
  constructor(
    @Inject(SESSIONS_REPOSITORY) private readonly sessions: SessionsRepository,
    @Inject(ACCESS_VENDOR) private readonly vendor: AccessVendorPort,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
    private readonly closeSession: CloseSessionHandler,
  ) {}

  async execute(caller: CheckOutCaller, sessionId: string): Promise<Session> {
    const session = await this.sessions.find(caller.tenantId, sessionId);
    if (!session || (!caller.staff && session.memberId !== caller.memberId)) throw new SessionNotFoundError();
    if (session.endedAt) return session;
    let consumptionCentavos: number;
    try {
      ({ consumptionCentavos } = await this.vendor.closeSession({ tenantId: caller.tenantId, sessionId }));
    } catch (error) {
      throw new AccessVendorFailedError((error as Error).message);
    }
    const ended = await this.tx.run((tx) =>
      this.closeSession.execute(tx, {
        tenantId: caller.tenantId,
        sessionId,
        endedAt: new Date().toISOString(),
        vendorConsumptionCentavos: consumptionCentavos,
      }),
    );
    return ended ?? session; // a concurrent check-out won
  }

  /** A court panel's check-out: the member's open session at that court, if any. */
  async atCourt(tenantId: string, memberId: string, courtId: string): Promise<Session | undefined> {
    const open = await this.sessions.findOpen(tenantId, memberId, courtId);
    return open && this.execute({ tenantId, memberId, staff: false }, open.sessionId);
  }
}
