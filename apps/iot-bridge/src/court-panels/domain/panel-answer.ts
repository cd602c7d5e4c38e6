import type { AccessPanelRequestRefusedV1 } from '@sportclub/contracts';
import type { LateRefusal } from '../../shared/domain/acceptance-window';
import { denied, type DeviceAnswer } from '../../shared/domain/device-answer';
import { CHECK_IN_REFUSAL_ANSWERS } from '../../shared/domain/refusal-answers';

/**
 * What a court panel is told on `panel/<panelId>/response` when its request is turned down, by the
 * bridge or by the gateway. A request that goes through gets no answer here: the panel sees the
 * check-in's or check-out's effect.
 */
export const PANEL_ANSWERS = {
  invalidRequest: denied('Pedido inválido, tente novamente'),
  unknownPanel: denied('Painel não configurado'),
  unavailable: denied('Sistema indisponível, tente novamente', 'yellow'),
  expired: denied('Pedido expirado, tente novamente', 'yellow'),
  clockAhead: denied('Horário do painel incorreto'),
  noOpenSession: denied('Nenhuma sessão aberta nesta quadra'),
} as const;

/** A request outside the acceptance window, refused by the bridge itself. */
export const LATE_PANEL_ANSWERS: Record<LateRefusal, DeviceAnswer> = {
  'device-request-expired': PANEL_ANSWERS.expired,
  'device-clock-ahead': PANEL_ANSWERS.clockAhead,
};

/** Why the gateway did nothing for a panel's request (`access.panel-request.refused.v1`). */
export type PanelRefusalCode = AccessPanelRequestRefusedV1['code'];

/**
 * Every code the gateway refuses a panel's request with, as the panel shows it: a check-in's refusals
 * read as on a door; a code without its text here does not compile.
 */
export const PANEL_REFUSAL_ANSWERS = {
  ...CHECK_IN_REFUSAL_ANSWERS,
  'no-open-session': PANEL_ANSWERS.noOpenSession,
} as const satisfies Record<PanelRefusalCode, DeviceAnswer>;
