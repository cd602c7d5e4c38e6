import { Controller } from '@nestjs/common';
import {
  NotificationsGetPreferencesResultV1,
  NotificationsGetPreferencesV1,
  NotificationsSetPreferencesResultV1,
  NotificationsSetPreferencesV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { GetPreferencesHandler } from '../application/get-preferences/get-preferences.handler';
import { SetPreferencesHandler } from '../application/set-preferences/set-preferences.handler';
import { InvalidPreferenceError, publicView } from '../domain/preferences';

/**
 * A member's notification settings, asked by the gateway (request/reply). The gateway has already
 * checked who may ask: the member for themselves, or staff of the member's club; the tenant is the
 * envelope's, so another club's member is simply not found here.
 */
@Controller()
export class PreferencesCommandsHandler {
  constructor(
    private readonly getPreferences: GetPreferencesHandler,
    private readonly setPreferences: SetPreferencesHandler,
  ) {}

  @OnCommand(NotificationsGetPreferencesV1)
  async get(envelope: Envelope<NotificationsGetPreferencesV1>, ctx: MessageContext) {
    const p = await this.getPreferences.execute(ctx.manager, envelope.tenantid, envelope.data.memberId);
    return NotificationsGetPreferencesResultV1.envelope({
      ...ctx.follow(),
      subject: envelope.data.memberId,
      data: { preferences: publicView(p) },
    });
  }

  @OnCommand(NotificationsSetPreferencesV1)
  async set(envelope: Envelope<NotificationsSetPreferencesV1>, ctx: MessageContext) {
    const { memberId, ...change } = envelope.data;
    const reply = (data: NotificationsSetPreferencesResultV1) =>
      NotificationsSetPreferencesResultV1.envelope({ ...ctx.follow(), subject: memberId, data });
    try {
      const p = await this.setPreferences.execute(ctx.manager, envelope.tenantid, memberId, change);
      return reply({ outcome: 'saved', preferences: publicView(p) });
    } catch (error) {
      if (!(error instanceof InvalidPreferenceError)) throw error;
      return reply({ outcome: 'invalid', field: error.field, reason: error.reason });
    }
  }
}
