import type { LateRefusal } from '../../shared/domain/acceptance-window';
import { denied, type DeviceAnswer } from '../../shared/domain/device-answer';

/** What the reader's door display shows. */
export type ScanAnswer = DeviceAnswer;

export const ANSWERS = {
  granted: { status: 'granted', message: 'Acesso liberado', color: 'green' } as ScanAnswer,
  noCredit: denied('Crédito insuficiente'),
  refused: denied('Acesso negado'),
  failed: denied('Falha no check-in, procure a recepção'),
  needsAttention: denied('Procure a recepção', 'yellow'),
  unknownCard: denied('Cartão não cadastrado'),
  memberSuspended: denied('Acesso negado: sócio suspenso'),
  notAMember: denied('Acesso negado: procure a recepção'),
  alreadyOnCourt: denied('Já em quadra: faça o check-out', 'yellow'),
  inactiveCard: denied('Cartão bloqueado'),
  unknownCourt: denied('Quadra não cadastrada'),
  inProgress: denied('Check-in em andamento', 'yellow'),
  timeout: denied('Sem resposta, tente novamente', 'yellow'),
  invalidScan: denied('Leitura inválida, tente novamente'),
  unknownReader: denied('Leitor não configurado'),
  unavailable: denied('Sistema indisponível, tente novamente', 'yellow'),
  expired: denied('Leitura expirada, tente novamente', 'yellow'),
  clockAhead: denied('Horário do leitor incorreto'),
} as const;

/** Every rejection of a short wallet (topped up or not) starts so (check-in.saga.ts). */
const INSUFFICIENT_CREDIT = 'insufficient credit';

/** Why the gateway started no check-in for a scan (`access.rfid-scan.refused`, v1 and v2). */
export type RefusalCode = keyof typeof REFUSAL_ANSWERS;

/** Every refusal code the gateway sends, as the door shows it. */
export const REFUSAL_ANSWERS = {
  'unknown-card': ANSWERS.unknownCard,
  'inactive-card': ANSWERS.inactiveCard,
  'unknown-court': ANSWERS.unknownCourt,
  'check-in-in-progress': ANSWERS.inProgress,
  'member-suspended': ANSWERS.memberSuspended,
  'not-a-member': ANSWERS.notAMember,
  'already-on-court': ANSWERS.alreadyOnCourt,
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
