import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  IotButtonPressedV1,
  IotCourtCheckinRequestedV1,
  IotCourtCheckoutRequestedV1,
  type Envelope,
} from '@sportclub/contracts';
import {
  DEVICE_DIRECTORY,
  type DeviceDirectory,
} from '../../../devices/application/ports/device-directory.port';
import type { DeviceAnswer } from '../../../shared/domain/device-answer';
import { EVENT_PUBLISHER, type EventPublisher } from '../../../shared/application/ports/event-publisher.port';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { ACCEPTANCE_WINDOW, AcceptanceWindow } from '../../../shared/domain/acceptance-window';
import { LATE_PANEL_ANSWERS, PANEL_ANSWERS, PANEL_REFUSAL_ANSWERS } from '../../domain/panel-answer';
import {
  PANEL_REQUEST_REPOSITORY,
  type PanelRequestRepositoryPort,
} from '../ports/panel-request.repository.port';

/**
 * A panel's request; `panelId` is the login it came from (its topic), never a payload field, and
 * `requestId` the panel's own id for it, the same when it repeats it.
 */
export type PanelRequestCommand = {
  panelId: string;
  requestId: string;
  /** The panel's clock. */
  requestedAt: Date;
  /** The bridge's clock when it took the request. */
  receivedAt: Date;
} & ({ action: 'checkin' | 'checkout'; memberId: string } | { action: 'button' });

const PRUNE_EVERY_MS = 3_600_000;

/**
 * A court panel's request becomes a device event on `iot.device.v1`, in the club and at the court the
 * registry gives the panel's login, once per request id: a repeat (QoS 1 redelivery, the panel
 * retrying) publishes nothing new, while two members asking in the same second are two requests. A
 * request outside the acceptance window is recorded refused and answered so, as is its repeat; a
 * repeat of one the gateway (a check-in, a check-out) or video (a button press with nothing recording)
 * has refused since gets that refusal again. A login that is no
 * enabled court panel is answered at once. The returned answer is a refusal.
 */
@Injectable()
export class AcceptPanelRequestHandler {
  private readonly logger = new Logger('CourtPanels');
  private lastPrune = 0;

  constructor(
    @Inject(DEVICE_DIRECTORY) private readonly devices: DeviceDirectory,
    @Inject(PANEL_REQUEST_REPOSITORY) private readonly requests: PanelRequestRepositoryPort,
    @Inject(TRANSACTIONS) private readonly uow: Transactions,
    @Inject(EVENT_PUBLISHER) private readonly events: EventPublisher,
    @Inject(ACCEPTANCE_WINDOW) private readonly window: AcceptanceWindow,
  ) {}

  async execute(c: PanelRequestCommand): Promise<DeviceAnswer | undefined> {
    const panel = await this.devices.active(c.panelId, 'court-panel');
    if (!panel?.courtId) {
      this.logger.warn(`panel ${c.panelId}: ${c.action} ${c.requestId} denied, no enabled court panel`);
      return PANEL_ANSWERS.unknownPanel;
    }
    const { tenantId, courtId } = panel;
    const timeliness = this.window.judge(c.requestedAt, c.receivedAt);
    const { outcome, refusal } = await this.uow.run(async (tx) => {
      const recorded = await this.requests.record(tx, {
        panelId: c.panelId,
        requestId: c.requestId,
        tenantId,
        courtId,
        action: c.action,
        memberId: c.action === 'button' ? null : c.memberId,
        requestedAt: c.requestedAt,
        outcome: timeliness === 'in-time' ? 'accepted' : timeliness,
      });
      if (recorded.repeat || recorded.outcome !== 'accepted') return recorded;
      await this.devices.seen(tx, c.panelId);
      await this.events.publish(tx, eventFor(c, tenantId, courtId));
      return recorded;
    });
    await this.pruneNowAndThen();
    if (outcome === 'accepted') return refusal ? PANEL_REFUSAL_ANSWERS[refusal] : undefined;
    if (timeliness !== 'in-time') {
      const when = this.window.describe(c.requestedAt, c.receivedAt);
      this.logger.warn(`panel ${c.panelId}: ${c.action} ${c.requestId} refused, ${when}`);
    }
    return LATE_PANEL_ANSWERS[outcome];
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.requests.prune();
  }
}

function eventFor(c: PanelRequestCommand, tenantId: string, courtId: string): Envelope {
  const from = { source: 'iot-bridge', tenantId, subject: c.panelId };
  const { panelId: deviceId, requestId } = c;
  if (c.action === 'button') {
    return IotButtonPressedV1.envelope({
      ...from,
      data: { deviceId, courtId, pressedAt: c.requestedAt.toISOString(), requestId },
    });
  }
  const definition = c.action === 'checkin' ? IotCourtCheckinRequestedV1 : IotCourtCheckoutRequestedV1;
  return definition.envelope({
    ...from,
    data: { deviceId, courtId, memberId: c.memberId, requestedAt: c.requestedAt.toISOString(), requestId },
  });
}
