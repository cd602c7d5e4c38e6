import { Inject, Injectable, Logger } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { DEVICE_BROKER, type DeviceBroker } from '../../../shared/application/ports/device-broker.port';
import { publishAnswers } from '../../../shared/application/publish-answers';
import { PANEL_REFUSAL_ANSWERS } from '../../domain/panel-answer';
import { panelReply } from '../panel-reply';
import {
  PANEL_REQUEST_REPOSITORY,
  type PanelRequestRepositoryPort,
} from '../ports/panel-request.repository.port';

const BATCH = 100;

/**
 * One round of delivering the gateway's refusals to `panel/<panelId>/response` (QoS 1), as the
 * scans' answers are delivered: claimed (replicas share the work), marked delivered once the broker
 * has them; a broker outage only delays them.
 */
@Injectable()
export class DeliverPanelAnswersHandler {
  private readonly logger = new Logger('PanelAnswers');

  constructor(
    @Inject(PANEL_REQUEST_REPOSITORY) private readonly requests: PanelRequestRepositoryPort,
    @Inject(TRANSACTIONS) private readonly uow: Transactions,
    @Inject(DEVICE_BROKER) private readonly broker: DeviceBroker,
  ) {}

  /** Returns how many answers were delivered. */
  async execute(): Promise<number> {
    return this.uow.run(async (tx) => {
      const claimed = await this.requests.claimUndelivered(tx, BATCH);
      const sent = await publishAnswers(
        this.broker,
        claimed,
        (r) => panelReply(r.panelId, r.requestId, PANEL_REFUSAL_ANSWERS[r.refusal]),
        this.logger,
      );
      await this.requests.markDelivered(tx, sent);
      return sent.length;
    });
  }
}
