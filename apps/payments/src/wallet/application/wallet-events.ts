import {
  PaymentsCreditCommittedV1,
  PaymentsCreditReleasedV1,
  PaymentsCreditReservedV1,
  type Envelope,
} from '@sportclub/contracts';
import type { Flow } from '../../shared/domain/flow';
import type { WalletBalances } from '../domain/wallet.ledger';

/** The fields of every event about a member's wallet. */
export const walletEvent = (flow: Flow, memberId: string) => ({
  source: 'payments',
  subject: memberId,
  ...flow,
});

/** A reservation's event (reserved, committed or released): same fields, the balance after it. */
export function reservationEvent(
  event: typeof PaymentsCreditReservedV1 | typeof PaymentsCreditCommittedV1 | typeof PaymentsCreditReleasedV1,
  flow: Flow,
  r: { memberId: string; reservationId: string; amountCentavos: number },
  balances: WalletBalances,
): Envelope {
  return event.envelope({
    ...walletEvent(flow, r.memberId),
    data: {
      walletId: r.memberId,
      reservationId: r.reservationId,
      amountCentavos: r.amountCentavos,
      balanceCentavos: balances.availableCentavos,
    },
  });
}
