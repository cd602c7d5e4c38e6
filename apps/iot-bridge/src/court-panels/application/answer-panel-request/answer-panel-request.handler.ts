import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import {
  PANEL_REQUEST_REPOSITORY,
  type PanelRequestRefusal,
  type PanelRequestRepositoryPort,
} from '../ports/panel-request.repository.port';

/**
 * A refusal of a request the bridge took from a panel: the gateway's of a check-in or check-out
 * (`checkin`, `checkout`), video's of a press of its button (`button`).
 */
export type RefusePanelRequestCommand = PanelRequestRefusal;

/**
 * The gateway refused a check-in or check-out the bridge took from a panel, or video a press of its
 * button (inside the event's inbox transaction): the request's row keeps the refusal, and the answer
 * delivery tells the panel once. A duplicate refusal, or one for a request the bridge does not know
 * (forgotten, another club's, another action's), changes nothing.
 */
@Injectable()
export class AnswerPanelRequestHandler {
  private readonly logger = new Logger('CourtPanels');

  constructor(@Inject(PANEL_REQUEST_REPOSITORY) private readonly requests: PanelRequestRepositoryPort) {}

  /** True when the refusal is new and its answer will be delivered. */
  async execute(tx: Transaction, c: RefusePanelRequestCommand): Promise<boolean> {
    const refused = await this.requests.refuse(tx, c);
    if (!refused) {
      this.logger.debug(
        `panel ${c.panelId}: refusal of ${c.action} ${c.requestId} (${c.refusal}) matched no waiting request`,
      );
    }
    return refused;
  }
}
