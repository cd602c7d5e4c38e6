import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import type { PanelRefusalCode } from '../../domain/panel-answer';
import {
  PANEL_REQUEST_REPOSITORY,
  type PanelRequestRepositoryPort,
} from '../ports/panel-request.repository.port';

export interface RefusePanelRequestCommand {
  tenantId: string;
  panelId: string;
  requestId: string;
  operation: 'check-in' | 'check-out';
  code: PanelRefusalCode;
}

/**
 * The gateway refused a check-in or check-out the bridge took from a panel (inside the event's inbox
 * transaction): the request's row keeps the refusal, and the answer delivery tells the panel once.
 * A duplicate refusal, or one for a request the bridge does not know (forgotten, another club's),
 * changes nothing.
 */
@Injectable()
export class AnswerPanelRequestHandler {
  private readonly logger = new Logger('CourtPanels');

  constructor(@Inject(PANEL_REQUEST_REPOSITORY) private readonly requests: PanelRequestRepositoryPort) {}

  /** True when the refusal is new and its answer will be delivered. */
  async execute(tx: Transaction, c: RefusePanelRequestCommand): Promise<boolean> {
    const refused = await this.requests.refuse(tx, {
      tenantId: c.tenantId,
      panelId: c.panelId,
      requestId: c.requestId,
      action: c.operation === 'check-in' ? 'checkin' : 'checkout',
      refusal: c.code,
    });
    if (!refused) {
      this.logger.debug(
        `panel ${c.panelId}: refusal of ${c.requestId} (${c.code}) matched no waiting request`,
      );
    }
    return refused;
  }
}
