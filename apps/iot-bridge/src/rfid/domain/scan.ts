import { z } from 'zod';

/**
 * A reader's scan (`rfid/<readerId>/scan`): the seed firmware's `card_id` and `reader_id`, a
 * device-side `scan_id` that stays the same when the reader repeats the scan (QoS 1 redelivery), and
 * the reader's clock in `timestamp`. Card UIDs are hexadecimal, compared upper-case.
 */
export const scanPayload = z.object({
  scan_id: z.string().regex(/^[\x21-\x7e]{1,100}$/, '1–100 visible characters'),
  card_id: z
    .string()
    .regex(/^[0-9A-Fa-f]{8,32}$/, 'a hexadecimal card UID (8–32 digits)')
    .transform((uid) => uid.toUpperCase()),
  timestamp: z.iso.datetime({ offset: true }),
  /** Optional; when present it must be the reader of the topic. */
  reader_id: z.string().optional(),
});

/** What the reader's door display shows: short pt-BR text and a light colour. */
export interface ScanAnswer {
  status: 'granted' | 'denied';
  message: string;
  color: 'green' | 'red' | 'yellow';
}

const denied = (message: string, color: 'red' | 'yellow' = 'red'): ScanAnswer => ({
  status: 'denied',
  message,
  color,
});

export const ANSWERS = {
  granted: { status: 'granted', message: 'Acesso liberado', color: 'green' } as ScanAnswer,
  noCredit: denied('Crédito insuficiente'),
  refused: denied('Acesso negado'),
  failed: denied('Falha no check-in, procure a recepção'),
  needsAttention: denied('Procure a recepção', 'yellow'),
  unknownCard: denied('Cartão não cadastrado'),
  inactiveCard: denied('Cartão bloqueado'),
  unknownCourt: denied('Quadra não cadastrada'),
  inProgress: denied('Check-in em andamento', 'yellow'),
  timeout: denied('Sem resposta, tente novamente', 'yellow'),
  invalidScan: denied('Leitura inválida, tente novamente'),
  unknownReader: denied('Leitor não configurado'),
} as const;

/** Every rejection of a short wallet (topped up or not) starts so (check-in.saga.ts). */
const INSUFFICIENT_CREDIT = 'insufficient credit';

export type CheckInOutcome =
  | { type: 'completed' }
  | { type: 'rejected'; reason: string }
  | { type: 'failed' }
  | { type: 'needs-attention' }
  | { type: 'refused'; code: 'unknown-card' | 'inactive-card' | 'unknown-court' | 'check-in-in-progress' };

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
      return {
        'unknown-card': ANSWERS.unknownCard,
        'inactive-card': ANSWERS.inactiveCard,
        'unknown-court': ANSWERS.unknownCourt,
        'check-in-in-progress': ANSWERS.inProgress,
      }[outcome.code];
  }
}
