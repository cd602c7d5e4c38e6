import type { LateRefusal } from '../../shared/domain/acceptance-window';
import { denied, type DeviceAnswer } from '../../shared/domain/device-answer';
import { CHECK_IN_REFUSAL_ANSWERS } from '../../shared/domain/refusal-answers';

/** What the reader's door display shows. */
export type ScanAnswer = DeviceAnswer;

export const ANSWERS = {
  granted: { status: 'granted', message: 'Acesso liberado', color: 'green' } as ScanAnswer,
  noCredit: denied('Crédito insuficiente'),
  refused: denied('Acesso negado'),
  failed: denied('Falha no check-in, procure a recepção'),
  needsAttention: denied('Procure a recepção', 'yellow'),
  unknownCard: denied('Cartão não cadastrado'),
  inactiveCard: denied('Cartão bloqueado'),
  timeout: denied('Sem resposta, tente novamente', 'yellow'),
  invalidScan: denied('Leitura inválida, tente novamente'),
  unknownReader: denied('Leitor não configurado'),
  unavailable: denied('Sistema indisponível, tente novamente', 'yellow'),
  expired: denied('Leitura expirada, tente novamente', 'yellow'),
  clockAhead: denied('Horário do leitor incorreto'),
} as const;

/** Every rejection of a short wallet (topped up or not) starts so (check-in.saga.ts). */
const INSUFFICIENT_CREDIT = 'insufficient credit';

/** Why the gateway started no check-in for a scan (`access.rfid-scan.refused`, v1 and v2, and more). */
export type RefusalCode = keyof typeof REFUSAL_ANSWERS;

/**
 * Every refusal code the gateway sends, as the door shows it: the card's own, and those of any
 * check-in (shared with the panels).
 */
export const REFUSAL_ANSWERS = {
  ...CHECK_IN_REFUSAL_ANSWERS,
  'unknown-card': ANSWERS.unknownCard,
  'inactive-card': ANSWERS.inactiveCard,
  'device-request-expired': ANSWERS.expired,
} as const satisfies Record<string, ScanAnswer>;

export type CheckInOutcome =
  | { type: 'completed' }
  | { type: 'rejected'; reason: string }
  | { type: 'failed' }
  | { type: 'needs-attention' }
  | { type: 'refused'; code: RefusalCode };

export function answerFor(outcome: CheckInOutcome): ScanAnswer {
  switch (outcome.type) {
    case 'completed':
      return ANSWERS.granted;
    case 'rejected':
      return outcome.reason.startsWith(INSUFFICIENT_CREDIT) ? ANSWERS.noCredit : ANSWERS.refused;
    case 'failed':
      return ANSWERS.failed;
    case 'needs-attention':
      return ANSWERS.needsAttention;
    case 'refused':
      // A code no contract of ours has (a newer gateway's) still denies, plainly.
      return REFUSAL_ANSWERS[outcome.code] ?? ANSWERS.refused;
  }
}

/** A scan outside the acceptance window, refused by the bridge itself. */
export const LATE_SCAN_ANSWERS: Record<LateRefusal, ScanAnswer> = {
  'device-request-expired': ANSWERS.expired,
  'device-clock-ahead': ANSWERS.clockAhead,
};
