import { BadGatewayException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@sportclub/auth';
import { isStaff } from '../auth/auth.guard';
import {
  AccessCheckinCompletedV1,
  AccessSessionEndedV1,
  AccessSessionStartedV1,
  type Envelope,
} from '@sportclub/contracts';
import { Outbox } from '@sportclub/outbox';
import { ACCESS_VENDOR, type AccessVendorPort } from '../check-in/application/access-vendor.port';

export interface SessionView {
  sessionId: string;
  checkInId: string;
  memberId: string;
  courtId: string;
  startedAt: string;
  endedAt: string | null;
}

const COLUMNS = `session_id AS "sessionId", check_in_id AS "checkInId", member_id AS "memberId",
  court_id AS "courtId", started_at AS "startedAt", ended_at AS "endedAt"`;

/** Sessions follow completed check-ins; a check-out closes one at the vendor and here, with its event. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    @Inject(ACCESS_VENDOR) private readonly vendor: AccessVendorPort,
  ) {}

  /**
   * Opens the session of each completed check-in among a saga transition's events, in the transition's
   * transaction: the session exists as soon as the check-in is COMPLETED.
   */
  async openCompleted(m: EntityManager, events: Envelope[]): Promise<void> {
    for (const event of events) {
      if (event.type !== AccessCheckinCompletedV1.type) continue;
      const { sessionId, checkInId, memberId, courtId } = (event as Envelope<AccessCheckinCompletedV1>).data;
      await this.open(
        m,
        { tenantId: event.tenantid, sessionId, checkInId, memberId, courtId },
        { correlationId: event.correlationid, causationId: event.id },
      );
    }
  }

  /** Opens a completed check-in's session, with its event; repeats change nothing. */
  async open(
    m: EntityManager,
    s: { tenantId: string; sessionId: string; checkInId: string; memberId: string; courtId: string },
    flow: { correlationId: string; causationId: string },
  ) {
    const inserted: unknown[] = await m.query(
      `INSERT INTO court_session (tenant_id, session_id, check_in_id, member_id, court_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING session_id`,
      [s.tenantId, s.sessionId, s.checkInId, s.memberId, s.courtId],
    );
    if (inserted.length === 0) return;
    await this.outbox.publish(
      m,
      AccessSessionStartedV1.envelope({
        source: 'access-gateway',
        tenantId: s.tenantId,
        subject: s.sessionId,
        ...flow,
        data: {
          sessionId: s.sessionId,
          memberId: s.memberId,
          courtId: s.courtId,
          startedAt: new Date().toISOString(),
        },
      }),
    );
    // The vendor's check-out may have overtaken the check-in's event: apply it now.
    const early = await m.query<
      { event_id: string; data: { checked_out_at: string; consumption_total?: number } }[]
    >(
      `SELECT event_id, payload->'data' AS data FROM webhook_event
        WHERE provider = 'access-vendor' AND event_type = 'access.checkout' AND outcome = 'awaiting-session'
          AND payload->'data'->>'session_id' = $1
        ORDER BY received_at LIMIT 1`,
      [s.sessionId],
    );
    if (early.length === 0) return;
    await this.closeFromVendor(m, {
      sessionId: s.sessionId,
      endedAt: early[0].data.checked_out_at,
      consumptionCentavos: early[0].data.consumption_total ?? 0,
    });
    await m.query(
      `UPDATE webhook_event SET outcome = 'session-closed' WHERE provider = 'access-vendor' AND event_id = $1`,
      [early[0].event_id],
    );
  }

  /** The vendor saw the member leave: closes the open session with its event; false if none is open. */
  async closeFromVendor(
    m: EntityManager,
    c: { sessionId: string; endedAt: string; consumptionCentavos: number },
  ): Promise<boolean> {
    const [[ended]] = await m.query<
      [{ tenant: string; memberId: string; courtId: string; checkInId: string }[], number]
    >(
      `UPDATE court_session SET ended_at = $2 WHERE session_id = $1 AND ended_at IS NULL
       RETURNING tenant_id AS tenant, member_id AS "memberId", court_id AS "courtId", check_in_id AS "checkInId"`,
      [c.sessionId, c.endedAt],
    );
    if (!ended) return false;
    const consumption = Math.max(c.consumptionCentavos, await this.recordedConsumption(m, c.sessionId));
    await this.outbox.publish(
      m,
      AccessSessionEndedV1.envelope({
        source: 'access-gateway',
        tenantId: ended.tenant,
        subject: c.sessionId,
        correlationId: ended.checkInId,
        data: {
          sessionId: c.sessionId,
          memberId: ended.memberId,
          courtId: ended.courtId,
          endedAt: new Date(c.endedAt).toISOString(),
          consumptionCentavos: consumption,
        },
      }),
    );
    return true;
  }

  /**
   * What the vendor's `consumption.recorded` webhooks put on a session (each stored once by event id).
   * The vendor's own total at check-out may say more (items recorded at the door); the larger wins.
   */
  async recordedConsumption(m: EntityManager, sessionId: string): Promise<number> {
    const [{ total }] = await m.query<{ total: number }[]>(
      `SELECT coalesce(sum((payload->'data'->>'total_price')::bigint), 0)::bigint AS total FROM webhook_event
        WHERE provider = 'access-vendor' AND event_type = 'consumption.recorded'
          AND payload->'data'->>'session_id' = $1`,
      [sessionId],
    );
    return Number(total);
  }

  async list(p: Principal, activeOnly: boolean): Promise<SessionView[]> {
    const staff = isStaff(p);
    return this.db.query(
      `SELECT ${COLUMNS} FROM court_session
        WHERE tenant_id = $1 AND ($2::text IS NULL OR member_id = $2) AND (NOT $3 OR ended_at IS NULL)
        ORDER BY started_at DESC LIMIT 200`,
      [p.tenantId, staff ? null : p.subject, activeOnly],
    );
  }

  /** Closes the session at the vendor first; only then here, with the session-ended event. */
  async checkOut(p: Principal, sessionId: string): Promise<SessionView> {
    const staff = isStaff(p);
    const [session] = await this.db.query<SessionView[]>(
      `SELECT ${COLUMNS} FROM court_session WHERE tenant_id = $1 AND session_id = $2`,
      [p.tenantId, sessionId],
    );
    if (!session || (!staff && session.memberId !== p.subject)) {
      throw new NotFoundException({ error: 'session_not_found', field: 'sessionId' });
    }
    if (session.endedAt) return session;
    let vendorConsumption: number;
    try {
      ({ consumptionCentavos: vendorConsumption } = await this.vendor.closeSession({
        tenantId: p.tenantId,
        sessionId,
      }));
    } catch (error) {
      throw new BadGatewayException({
        error: 'access_vendor_failed',
        reason: (error as Error).message.slice(0, 300),
      });
    }
    return this.db.transaction(async (m) => {
      // An UPDATE … RETURNING answers [rows, affected count] through TypeORM.
      const [[ended]] = await m.query<[SessionView[], number]>(
        `UPDATE court_session SET ended_at = now() WHERE tenant_id = $1 AND session_id = $2 AND ended_at IS NULL
         RETURNING ${COLUMNS}`,
        [p.tenantId, sessionId],
      );
      if (!ended) return session; // a concurrent check-out won
      const consumption = Math.max(vendorConsumption, await this.recordedConsumption(m, sessionId));
      await this.outbox.publish(
        m,
        AccessSessionEndedV1.envelope({
          source: 'access-gateway',
          tenantId: p.tenantId,
          subject: sessionId,
          correlationId: ended.checkInId,
          // What the bar and shop recorded: payments settles it from the member's credit.
          data: {
            sessionId,
            memberId: ended.memberId,
            courtId: ended.courtId,
            endedAt: new Date().toISOString(),
            consumptionCentavos: consumption,
          },
        }),
      );
      return ended;
    });
  }
}
