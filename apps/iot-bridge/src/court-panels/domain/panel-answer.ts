import type { AccessPanelRequestRefusedV1, VideoHighlightRefusedV1 } from '@sportclub/contracts';
import type { LateRefusal } from '../../shared/domain/acceptance-window';
import { denied, type DeviceAnswer } from '../../shared/domain/device-answer';
import { CHECK_IN_REFUSAL_ANSWERS } from '../../shared/domain/refusal-answers';

/**
 * What a court panel is told on `panel/<panelId>/response` when its request is turned down, by the
 * bridge, by the gateway (check-in, check-out) or by video (the highlight button). A request that goes
 * through gets no answer here: the panel sees the check-in's or check-out's effect, or the clip.
 */
export const PANEL_ANSWERS = {
  invalidRequest: denied('Pedido inválido, tente novamente'),
  unknownPanel: denied('Painel não configurado'),
  unavailable: denied('Sistema indisponível, tente novamente', 'yellow'),
  expired: denied('Pedido expirado, tente novamente', 'yellow'),
  clockAhead: denied('Horário do painel incorreto'),
  noOpenSession: denied('Nenhuma sessão aberta nesta quadra'),
  noRecording: denied('Nenhuma gravação nesta quadra'),
} as const;

/** A request outside the acceptance window, refused by the bridge itself. */
export const LATE_PANEL_ANSWERS: Record<LateRefusal, DeviceAnswer> = {
  'device-request-expired': PANEL_ANSWERS.expired,
  'device-clock-ahead': PANEL_ANSWERS.clockAhead,
};

/** Why the gateway did nothing for a panel's check-in or check-out (`access.panel-request.refused.v1`). */
export type CourtRequestRefusalCode = AccessPanelRequestRefusedV1['code'];

/** Why video clipped nothing for a press of the panel's button (`video.highlight.refused.v1`). */
export type ButtonPressRefusalCode = VideoHighlightRefusedV1['code'];

/** Every refusal a panel's request may get after the bridge took it. */
export type PanelRefusalCode = CourtRequestRefusalCode | ButtonPressRefusalCode;

/**
 * Every code the gateway or video refuses a panel's request with, as the panel shows it: a check-in's
 * refusals read as on a door; a code without its text here does not compile.
 */
export const PANEL_REFUSAL_ANSWERS = {
  ...CHECK_IN_REFUSAL_ANSWERS,
  'no-open-session': PANEL_ANSWERS.noOpenSession,
  'no-recording': PANEL_ANSWERS.noRecording,
} as const satisfies Record<PanelRefusalCode, DeviceAnswer>;
