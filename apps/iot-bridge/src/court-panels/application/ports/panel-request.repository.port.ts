import type { Transaction } from '@sportclub/service-kit';
import type { LateRefusal } from '../../../shared/domain/acceptance-window';
import type {
  ButtonPressRefusalCode,
  CourtRequestRefusalCode,
  PanelRefusalCode,
} from '../../domain/panel-answer';

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

/**
 * The refusal of a request the bridge took: the gateway's of a check-in or check-out, video's of a
 * button press.
 */
export type PanelRequestRefusal = {
  tenantId: string;
  panelId: string;
  requestId: string;
} & (
  | { action: 'checkin' | 'checkout'; refusal: CourtRequestRefusalCode }
  | { action: 'button'; refusal: ButtonPressRefusalCode }
);

/** A refusal its panel has not been told yet. */
export interface PendingPanelRefusal {
  panelId: string;
  requestId: string;
  refusal: PanelRefusalCode;
}

/**
 * The `panel_request` rows, keyed by panel and the panel's own request id. A refusal to deliver wakes
 * the answer delivery of every replica once its transaction commits.
 */
export interface PanelRequestRepositoryPort {
  /**
   * Records a request; when the panel's request id is known already nothing is written, and the
   * outcome is the one recorded then, with the refusal (the gateway's or video's) if one came since.
   */
  record(
    tx: Transaction,
    request: PanelRequestRecord,
  ): Promise<{ repeat: boolean; outcome: PanelRequestOutcome; refusal: PanelRefusalCode | null }>;
  /**
   * Keeps the refusal of a taken request (the gateway's or video's), to be delivered. False, writing
   * nothing, when no such request of that club and action waits for one: refused already (a
   * duplicate), unknown, forgotten or another club's.
   */
  refuse(tx: Transaction, refusal: PanelRequestRefusal): Promise<boolean>;
  /** Refusals not delivered yet and still worth delivering, oldest first, locked for the transaction. */
  claimUndelivered(tx: Transaction, limit: number): Promise<PendingPanelRefusal[]>;
  markDelivered(
    tx: Transaction,
    refusals: Pick<PendingPanelRefusal, 'panelId' | 'requestId'>[],
  ): Promise<void>;
  /** Forgets requests no panel can repeat any more. */
  prune(): Promise<void>;
}

export const PANEL_REQUEST_REPOSITORY = Symbol('PanelRequestRepository');
