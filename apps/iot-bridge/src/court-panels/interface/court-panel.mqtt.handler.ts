import { Inject, Injectable, Logger } from '@nestjs/common';
import { BRIDGE_SUBSCRIPTIONS } from '../../devices/domain/device-topics';
import { DEVICE_BROKER, type DeviceBroker } from '../../shared/application/ports/device-broker.port';
import { deviceSideIdOf, parsePayload, type ParsedPayload } from '../../shared/interface/device-payload';
import {
  AcceptPanelRequestHandler,
  type PanelRequestCommand,
} from '../application/accept-panel-request/accept-panel-request.handler';
import { panelReply } from '../application/panel-reply';
import { PANEL_ANSWERS } from '../domain/panel-answer';
import { buttonPressedPayload, courtRequestPayload } from './dto/panel-request.payload';

type Action = PanelRequestCommand['action'];

/**
 * Court panels' requests from the device broker (`panel/<panelId>/checkin`, `/checkout`,
 * `/button/pressed`). The panel is the topic's login; a request that does not validate, or that names
 * another device, is denied on `panel/<panelId>/response` (`{requestId, status, message, color}`) at
 * once, as is one the bridge keeps failing on. Every request is acknowledged.
 */
@Injectable()
export class CourtPanelMqttHandler {
  private readonly logger = new Logger('CourtPanels');

  constructor(
    @Inject(DEVICE_BROKER) broker: DeviceBroker,
    @Inject(AcceptPanelRequestHandler) private readonly accept: AcceptPanelRequestHandler,
  ) {
    const routes: [string, Action][] = [
      [BRIDGE_SUBSCRIPTIONS.panelCheckin, 'checkin'],
      [BRIDGE_SUBSCRIPTIONS.panelCheckout, 'checkout'],
      [BRIDGE_SUBSCRIPTIONS.panelButton, 'button'],
    ];
    for (const [filter, action] of routes) {
      broker.route(filter, {
        handle: ([panelId], raw, topic) => this.request(action, panelId, raw, topic),
        failed: ([panelId], raw) => panelReply(panelId, requestIdOf(raw), PANEL_ANSWERS.unavailable),
      });
    }
  }

  private async request(action: Action, panelId: string, raw: Buffer, topic: string) {
    const parsed = this.parse(action, panelId, raw);
    if (!parsed.ok) {
      this.logger.warn(`${topic}: invalid request denied, ${parsed.reason}`);
      return panelReply(panelId, requestIdOf(raw), PANEL_ANSWERS.invalidRequest);
    }
    const { request_id: requestId, timestamp, user_id: memberId } = parsed.data;
    const request = { panelId, requestId, requestedAt: new Date(timestamp), receivedAt: new Date() };
    const command: PanelRequestCommand =
      action === 'button' ? { action, ...request } : { action, ...request, memberId: memberId! };
    const denial = await this.accept.execute(command);
    return denial && panelReply(panelId, requestId, denial);
  }

  private parse(
    action: Action,
    panelId: string,
    raw: Buffer,
  ): ParsedPayload<{ request_id: string; timestamp: string; user_id?: string }> {
    const parsed =
      action === 'button' ? parsePayload(buttonPressedPayload, raw) : parsePayload(courtRequestPayload, raw);
    if (parsed.ok && parsed.data.device_id !== undefined && parsed.data.device_id !== panelId) {
      return { ok: false, reason: `device_id: not the panel of the topic (${panelId})` };
    }
    return parsed;
  }
}

const requestIdOf = (raw: Buffer) => deviceSideIdOf(raw, 'request_id');
