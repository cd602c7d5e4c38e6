import type { Transaction } from '../../../shared/application/ports/unit-of-work.port';

export interface PanelRequestRecord {
  panelId: string;
  requestId: string;
  tenantId: string;
  courtId: string;
  action: 'checkin' | 'checkout' | 'button';
  memberId: string | null;
  requestedAt: Date;
}

/** The `panel_request` rows, keyed by panel and the panel's own request id. */
export interface PanelRequestRepositoryPort {
  /** False when the panel's request id is known already (nothing is written then). */
  insert(tx: Transaction, request: PanelRequestRecord): Promise<boolean>;
  /** Forgets requests no panel can repeat any more. */
  prune(): Promise<void>;
}

export const PANEL_REQUEST_REPOSITORY = Symbol('PanelRequestRepository');
