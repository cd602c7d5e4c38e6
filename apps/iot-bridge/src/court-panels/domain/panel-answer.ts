import { denied } from '../../shared/domain/device-answer';

/**
 * What a court panel is told on `panel/<panelId>/response` when the bridge turns a request down. A
 * request the bridge takes gets no answer here: it becomes the club's event.
 */
export const PANEL_ANSWERS = {
  invalidRequest: denied('Pedido inválido, tente novamente'),
  unknownPanel: denied('Painel não configurado'),
  unavailable: denied('Sistema indisponível, tente novamente', 'yellow'),
} as const;
