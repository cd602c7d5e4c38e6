import type { LateRefusal } from '../../shared/domain/acceptance-window';
import { denied, type DeviceAnswer } from '../../shared/domain/device-answer';

/**
 * What a court panel is told on `panel/<panelId>/response` when the bridge turns a request down. A
 * request the bridge takes gets no answer here: it becomes the club's event.
 */
export const PANEL_ANSWERS = {
  invalidRequest: denied('Pedido inválido, tente novamente'),
  unknownPanel: denied('Painel não configurado'),
  unavailable: denied('Sistema indisponível, tente novamente', 'yellow'),
  expired: denied('Pedido expirado, tente novamente', 'yellow'),
  clockAhead: denied('Horário do painel incorreto'),
} as const;

/** A request outside the acceptance window, refused by the bridge itself. */
export const LATE_PANEL_ANSWERS: Record<LateRefusal, DeviceAnswer> = {
  'device-request-expired': PANEL_ANSWERS.expired,
  'device-clock-ahead': PANEL_ANSWERS.clockAhead,
};
