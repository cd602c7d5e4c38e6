import { Controller } from '@nestjs/common';
import {
  CalendarSyncDisconnectResultV1,
  CalendarSyncDisconnectV1,
  CalendarSyncListConnectionsResultV1,
  CalendarSyncListConnectionsV1,
  CalendarSyncStartConnectionResultV1,
  CalendarSyncStartConnectionV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { DisconnectHandler } from '../application/disconnect/disconnect.handler';
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
  constructor(
    private readonly start: StartConnectionHandler,
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
