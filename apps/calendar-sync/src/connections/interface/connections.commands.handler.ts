import { Controller, Logger } from '@nestjs/common';
import {
  CalendarSyncCompleteConnectionResultV1,
  CalendarSyncCompleteConnectionV1,
  CalendarSyncDisconnectResultV1,
  CalendarSyncDisconnectV1,
  CalendarSyncListConnectionsResultV1,
  CalendarSyncListConnectionsV1,
  CalendarSyncStartConnectionResultV1,
  CalendarSyncStartConnectionV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import {
  CompleteConnectionHandler,
  ConsentRefusedError,
} from '../application/complete-connection/complete-connection.handler';
import { DisconnectHandler } from '../application/disconnect/disconnect.handler';
import { GrantRevokedError } from '../../shared/application/ports/google.port';
import { ListConnectionsHandler } from '../application/list-connections/list-connections.handler';
import { StartConnectionHandler } from '../application/start-connection/start-connection.handler';
import type { Connection } from '../domain/connection';

type ConnectionView = CalendarSyncListConnectionsResultV1['connections'][number];

/**
 * The gateway's connection commands (request/reply). The club is the envelope's tenant, so another
 * club's connections cannot be named; who may act for whom the gateway has decided (members for
 * themselves, staff for the club). Replies never carry a token.
 */
@Controller()
export class ConnectionsCommandsHandler {
  private readonly logger = new Logger('ConnectionsCommands');

  constructor(
    private readonly start: StartConnectionHandler,
    private readonly complete: CompleteConnectionHandler,
    private readonly listConnections: ListConnectionsHandler,
    private readonly disconnect: DisconnectHandler,
  ) {}

  @OnCommand(CalendarSyncStartConnectionV1)
  async startConnection(e: Envelope<CalendarSyncStartConnectionV1>, ctx: MessageContext) {
    const { scope, memberId, requestedBy, loginHint } = e.data;
    const started = await this.start.execute(
      { tenantId: e.tenantid, scope, ...(scope === 'member' && { memberId }), requestedBy },
      loginHint,
    );
    return CalendarSyncStartConnectionResultV1.envelope({
      ...ctx.follow(),
      subject: e.tenantid,
      data: started,
    });
  }

  @OnCommand(CalendarSyncCompleteConnectionV1)
  async completeConnection(e: Envelope<CalendarSyncCompleteConnectionV1>, ctx: MessageContext) {
    const reply = (data: CalendarSyncCompleteConnectionResultV1) =>
      CalendarSyncCompleteConnectionResultV1.envelope({ ...ctx.follow(), subject: e.tenantid, data });
    try {
      const { connectionId } = await this.complete.execute(e.tenantid, e.data);
      return reply({ outcome: 'connected', connectionId });
    } catch (error) {
      if (error instanceof ConsentRefusedError || error instanceof GrantRevokedError) {
        return reply({ outcome: 'refused', reason: error.message.slice(0, 500) });
      }
      // Google out of reach: the consent is used up, the user starts again.
      this.logger.warn(`completing a connection: ${(error as Error).message}`);
      return reply({ outcome: 'unavailable', reason: 'Google could not be reached; start again' });
    }
  }

  @OnCommand(CalendarSyncListConnectionsV1)
  async list(e: Envelope<CalendarSyncListConnectionsV1>, ctx: MessageContext) {
    const connections = await this.listConnections.execute(e.tenantid, e.data.memberId);
    return CalendarSyncListConnectionsResultV1.envelope({
      ...ctx.follow(),
      subject: e.tenantid,
      data: { connections: connections.map(viewOf) },
    });
  }

  @OnCommand(CalendarSyncDisconnectV1)
  async remove(e: Envelope<CalendarSyncDisconnectV1>, ctx: MessageContext) {
    const outcome = await this.disconnect.execute(e.tenantid, e.data);
    return CalendarSyncDisconnectResultV1.envelope({
      ...ctx.follow(),
      subject: e.data.connectionId,
      data: { outcome },
    });
  }
}

function viewOf(c: Connection): ConnectionView {
  return {
    connectionId: c.id,
    scope: c.scope,
    ...(c.memberId && { memberId: c.memberId }),
    status: c.status,
    ...(c.accountEmail && { accountEmail: c.accountEmail }),
    calendarId: c.calendarId,
    ...(c.brokenReason && { brokenReason: c.brokenReason }),
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    ...(c.lastSyncedAt && { lastSyncedAt: c.lastSyncedAt }),
    pendingBookings: c.pendingBookings,
  };
}
