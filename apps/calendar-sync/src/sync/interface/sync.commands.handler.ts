import { Controller } from '@nestjs/common';
import {
  CalendarSyncListUpcomingEventsResultV1,
  CalendarSyncListUpcomingEventsV1,
  CalendarSyncResyncConnectionResultV1,
  CalendarSyncResyncConnectionV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { ListUpcomingEventsHandler } from '../application/list-upcoming-events/list-upcoming-events.handler';
import { ResyncConnectionHandler } from '../application/resync-connection/resync-connection.handler';
import { UUID_PATTERN } from '../../shared/domain/secrets';

/** The gateway's sync commands (request/reply; the club is the envelope's tenant). */
@Controller()
export class SyncCommandsHandler {
  constructor(
    private readonly resync: ResyncConnectionHandler,
    private readonly upcoming: ListUpcomingEventsHandler,
  ) {}

  @OnCommand(CalendarSyncResyncConnectionV1)
  async resyncConnection(e: Envelope<CalendarSyncResyncConnectionV1>, ctx: MessageContext) {
    const result = await this.resync.execute(e.tenantid, e.data.connectionId);
    return CalendarSyncResyncConnectionResultV1.envelope({
      ...ctx.follow(),
      subject: e.data.connectionId,
      data: result,
    });
  }

  @OnCommand(CalendarSyncListUpcomingEventsV1)
  async listUpcoming(e: Envelope<CalendarSyncListUpcomingEventsV1>, ctx: MessageContext) {
    const result = await this.upcoming.execute(e.tenantid, e.data.connectionId, e.data.memberId);
    const data: CalendarSyncListUpcomingEventsResultV1 =
      result.outcome === 'listed'
        ? {
            outcome: 'listed',
            readAt: result.readAt,
            events: result.events
              .filter((ev) => ev.startsAt && ev.endsAt)
              .map((ev) => ({
                eventId: ev.id,
                summary: ev.summary ?? '',
                startsAt: ev.startsAt!,
                endsAt: ev.endsAt!,
                // Only a booking id the platform wrote (anyone may set private properties).
                ...(ev.bookingId && UUID_PATTERN.test(ev.bookingId) && { bookingId: ev.bookingId }),
                ...(ev.htmlLink && { htmlLink: ev.htmlLink }),
              })),
          }
        : result;
    return CalendarSyncListUpcomingEventsResultV1.envelope({
      ...ctx.follow(),
      subject: e.data.connectionId,
      data,
    });
  }
}
