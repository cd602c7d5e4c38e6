import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  PaymentsConsumptionSettledV1,
  PaymentsCreditCommittedV1,
  PaymentsCreditReleasedV1,
  PaymentsCreditReservedV1,
  PaymentsWalletToppedUpV1,
  type EnvelopeInit,
} from '@sportclub/contracts';
import type { Outbox } from '@sportclub/outbox';
import {
  InsufficientCreditError,
  commit,
  consume,
  refund,
  release,
  reserve,
  topUp,
  type Movement,
  type WalletBalances,
} from '../domain/wallet.ledger';
import { WalletRepository } from '../infrastructure/wallet.repository';

/** Who asked, in which flow: the fields every event this service emits carries. */
export type Flow = Pick<EnvelopeInit<unknown>, 'tenantId' | 'correlationId' | 'causationId'>;

export type ReserveOutcome =
  | { outcome: 'reserved'; balance: WalletBalances }
  | { outcome: 'insufficient-credit'; balance: WalletBalances; shortfallCentavos: number }
  /** The reservation was released before this reserve arrived (a compensated, timed-out step). */
  | { outcome: 'refused'; reason: string };

/**
 * The wallet use cases. Each runs inside the caller's transaction (the inbox transaction of the command
 * being handled), locks the member's wallet row, applies one ledger movement and writes its event to the
 * outbox — so a redelivered command can neither move money twice nor lose its event.
 */
export class WalletService {
  private readonly repo = new WalletRepository();
  private readonly logger = new Logger('WalletService');

  constructor(private readonly outbox: Outbox) {}

  async topUp(
    m: EntityManager,
    flow: Flow,
    memberId: string,
    amountCentavos: number,
    paymentId: string,
    provider: string,
  ) {
    const movement = topUp(
      await this.repo.lock(m, flow.tenantId, memberId),
      memberId,
      amountCentavos,
      provider,
    );
    await this.repo.apply(m, flow.tenantId, memberId, movement, `payment:${paymentId}`);
    await this.outbox.publish(
      m,
      PaymentsWalletToppedUpV1.envelope({
        ...this.event(flow, memberId),
        data: {
          walletId: memberId,
          paymentId,
          amountCentavos,
          balanceCentavos: movement.balances.availableCentavos,
        },
      }),
    );
    return movement.balances;
  }

  /** Takes refunded credit back out of the wallet — as much as is still available; returns how much. */
  async takeBack(
    m: EntityManager,
    flow: Flow,
    memberId: string,
    amountCentavos: number,
    paymentId: string,
    provider: string,
  ): Promise<number> {
    const { taken } = await this.takeAvailable(
      m,
      flow,
      memberId,
      amountCentavos,
      (b, amount) => refund(b, memberId, amount, provider),
      `refund:${paymentId}`,
    );
    return taken;
  }

  async reserve(
    m: EntityManager,
    flow: Flow,
    cmd: { reservationId: string; memberId: string; amountCentavos: number },
  ): Promise<ReserveOutcome> {
    const balances = await this.repo.lock(m, flow.tenantId, cmd.memberId);
    const existing = await this.repo.reservation(m, flow.tenantId, cmd.reservationId);
    if (existing?.state === 'RELEASED') {
      this.logger.warn(`reservation ${cmd.reservationId} was released before it was reserved; refused`);
      return { outcome: 'refused', reason: 'released before it was reserved' };
    }
    if (existing) return { outcome: 'reserved', balance: balances };

    let movement;
    try {
      movement = reserve(balances, cmd.memberId, cmd.amountCentavos);
    } catch (error) {
      if (!(error instanceof InsufficientCreditError)) throw error;
      return {
        outcome: 'insufficient-credit',
        balance: balances,
        shortfallCentavos: error.shortfallCentavos,
      };
    }
    await this.repo.insertReservation(m, flow.tenantId, { ...cmd, state: 'RESERVED' });
    await this.repo.apply(m, flow.tenantId, cmd.memberId, movement, `reservation:${cmd.reservationId}`);
    await this.publishReservation(m, flow, PaymentsCreditReservedV1, cmd, movement.balances);
    return { outcome: 'reserved', balance: movement.balances };
  }

  async commit(
    m: EntityManager,
    flow: Flow,
    reservationId: string,
  ): Promise<'committed' | 'unknown-reservation'> {
    const r = await this.lockReservation(m, flow.tenantId, reservationId);
    if (!r || r.state === 'RELEASED' || !r.memberId) return 'unknown-reservation';
    if (r.state === 'COMMITTED') return 'committed';
    await this.settle(m, flow, { ...r, memberId: r.memberId }, 'COMMITTED');
    return 'committed';
  }

  /** A release for a reservation never seen leaves a marker, so its late reserve is refused. */
  async release(
    m: EntityManager,
    flow: Flow,
    reservationId: string,
  ): Promise<'released' | 'already-committed' | 'unknown-reservation'> {
    const r = await this.lockReservation(m, flow.tenantId, reservationId);
    if (!r) {
      const marked = await this.repo.insertReservation(m, flow.tenantId, {
        reservationId,
        memberId: null,
        amountCentavos: 0,
        state: 'RELEASED',
      });
      // Lost a race with its reserve, which has committed meanwhile: release that one.
      return marked ? 'unknown-reservation' : this.release(m, flow, reservationId);
    }
    if (r.state === 'COMMITTED') return 'already-committed';
    if (r.state === 'RELEASED' || !r.memberId) return 'released';
    await this.settle(m, flow, { ...r, memberId: r.memberId }, 'RELEASED');
    return 'released';
  }

  /** Spends or gives back a held reservation: the movement, the reservation's state and the event. */
  private async settle(
    m: EntityManager,
    flow: Flow,
    r: { reservationId: string; memberId: string; amountCentavos: number; balances: WalletBalances },
    state: 'COMMITTED' | 'RELEASED',
  ): Promise<void> {
    const movement = (state === 'COMMITTED' ? commit : release)(r.balances, r.memberId, r.amountCentavos);
    await this.repo.setReservationState(m, flow.tenantId, r.reservationId, state);
    await this.repo.apply(m, flow.tenantId, r.memberId, movement, `reservation:${r.reservationId}`);
    const event = state === 'COMMITTED' ? PaymentsCreditCommittedV1 : PaymentsCreditReleasedV1;
    await this.publishReservation(m, flow, event, r, movement.balances);
  }

  /** The reservation with its wallet, locked in the one order every use case follows: wallet first. */
  private async lockReservation(m: EntityManager, tenantId: string, reservationId: string) {
    const peek = await this.repo.reservation(m, tenantId, reservationId, false);
    if (!peek?.memberId) return peek && { ...peek, balances: { availableCentavos: 0, reservedCentavos: 0 } };
    const balances = await this.repo.lock(m, tenantId, peek.memberId);
    const r = await this.repo.reservation(m, tenantId, reservationId);
    return r && { ...r, balances };
  }

  /**
   * Takes a session's consumption from the member's credit — as much as it covers; the rest is reported
   * unpaid in the event for the club to collect. Runs once per session (the inbox of the session event).
   */
  async settleConsumption(
    m: EntityManager,
    flow: Flow,
    s: { memberId: string; sessionId: string; consumptionCentavos: number },
  ) {
    const { taken: charged, balances: after } = await this.takeAvailable(
      m,
      flow,
      s.memberId,
      s.consumptionCentavos,
      (b, amount) => consume(b, s.memberId, amount),
      `session:${s.sessionId}`,
    );
    await this.outbox.publish(
      m,
      PaymentsConsumptionSettledV1.envelope({
        ...this.event(flow, s.memberId),
        data: {
          walletId: s.memberId,
          sessionId: s.sessionId,
          consumptionCentavos: s.consumptionCentavos,
          chargedCentavos: charged,
          unpaidCentavos: s.consumptionCentavos - charged,
          balanceCentavos: after.availableCentavos,
        },
      }),
    );
  }

  /** Moves up to `amount` out of the member's available credit (never below zero): what was taken, and the balances after. */
  private async takeAvailable(
    m: EntityManager,
    flow: Flow,
    memberId: string,
    amount: number,
    move: (balances: WalletBalances, amount: number) => Movement,
    reference: string,
  ): Promise<{ taken: number; balances: WalletBalances }> {
    const balances = await this.repo.lock(m, flow.tenantId, memberId);
    const taken = Math.min(amount, balances.availableCentavos);
    if (taken === 0) return { taken, balances };
    const movement = move(balances, taken);
    await this.repo.apply(m, flow.tenantId, memberId, movement, reference);
    return { taken, balances: movement.balances };
  }

  async wallet(m: EntityManager, tenantId: string, memberId: string, ledgerLimit = 50) {
    const balances = (await this.repo.find(m, tenantId, memberId)) ?? {
      availableCentavos: 0,
      reservedCentavos: 0,
    };
    return { memberId, ...balances, ledger: await this.repo.ledger(m, tenantId, memberId, ledgerLimit) };
  }

  /** A reservation's event (reserved, committed or released): same fields, the balance after it. */
  private publishReservation(
    m: EntityManager,
    flow: Flow,
    event:
      typeof PaymentsCreditReservedV1 | typeof PaymentsCreditCommittedV1 | typeof PaymentsCreditReleasedV1,
    r: { memberId: string; reservationId: string; amountCentavos: number },
    balances: WalletBalances,
  ): Promise<void> {
    return this.outbox.publish(
      m,
      event.envelope({
        ...this.event(flow, r.memberId),
        data: {
          walletId: r.memberId,
          reservationId: r.reservationId,
          amountCentavos: r.amountCentavos,
          balanceCentavos: balances.availableCentavos,
        },
      }),
    );
  }

  private event(flow: Flow, memberId: string) {
    return { source: 'payments', subject: memberId, ...flow };
  }
}
