import type { Transaction } from '@sportclub/service-kit';
import type { LateRefusal } from '../../../shared/domain/acceptance-window';

/** Taken (its event published), or refused by the bridge for its timing. */
export type PanelRequestOutcome = 'accepted' | LateRefusal;

export interface PanelRequestRecord {
  panelId: string;
  requestId: string;
  tenantId: string;
  courtId: string;
  action: 'checkin' | 'checkout' | 'button';
  memberId: string | null;
  requestedAt: Date;
  outcome: PanelRequestOutcome;
}

/** The `panel_request` rows, keyed by panel and the panel's own request id. */
export interface PanelRequestRepositoryPort {
  /**
   * Records a request; when the panel's request id is known already nothing is written, and the
   * outcome is the one recorded then.
   */
  record(
    tx: Transaction,
    request: PanelRequestRecord,
  ): Promise<{ repeat: boolean; outcome: PanelRequestOutcome }>;
  /** Forgets requests no panel can repeat any more. */
  prune(): Promise<void>;
}

export const PANEL_REQUEST_REPOSITORY = Symbol('PanelRequestRepository');
