import { denied, type DeviceAnswer } from './device-answer';

/**
 * Why the gateway started no check-in, in the codes its refusal events share (`access.rfid-scan.refused`
 * for a door, `access.panel-request.refused` for a panel), as any device shows them: one text per
 * reason, whichever device asked.
 */
export const CHECK_IN_REFUSAL_ANSWERS = {
  'not-a-member': denied('Acesso negado: procure a recepção'),
  'member-suspended': denied('Acesso negado: sócio suspenso'),
  'unknown-court': denied('Quadra não cadastrada'),
  'check-in-in-progress': denied('Check-in em andamento', 'yellow'),
  'already-on-court': denied('Sócio já em quadra, faça o check-out'),
} as const satisfies Record<string, DeviceAnswer>;
