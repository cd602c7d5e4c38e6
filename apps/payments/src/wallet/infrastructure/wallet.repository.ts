import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { centavosFromSql } from '../../shared/infrastructure/sql-centavos';
import type { Movement, WalletBalances } from '../domain/wallet.ledger';
import type {
  ConsumptionSettlement,
  LedgerLine,
  LockedReservation,
  Reservation,
  ReservationState,
  WalletRepositoryPort,
} from '../application/ports/wallet.repository.port';

/** Every read and write of wallets, the ledger and reservations; always inside the caller's transaction. */
@Injectable()
export class WalletRepository implements WalletRepositoryPort {
  /** The wallet row, created empty on first use and locked until the transaction ends. */
  async lock(m: Transaction, tenantId: string, memberId: string): Promise<WalletBalances> {
    const locked = () =>
      m.query<{ available: string; reserved: string }[]>(
        `SELECT available_centavos AS available, reserved_centavos AS reserved
           FROM wallet WHERE tenant_id = $1 AND member_id = $2 FOR UPDATE`,
        [tenantId, memberId],
      );
    let [row] = await locked();
    if (!row) {
      // First use; a concurrent first use may insert it meanwhile, so insert-if-missing, then lock.
      await m.query(`INSERT INTO wallet (tenant_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        tenantId,
        memberId,
      ]);
      [row] = await locked();
    }
    return balancesOf(row);
  }

  async find(m: Transaction, tenantId: string, memberId: string): Promise<WalletBalances | undefined> {
    const [row] = await m.query<{ available: string; reserved: string }[]>(
      `SELECT available_centavos AS available, reserved_centavos AS reserved
         FROM wallet WHERE tenant_id = $1 AND member_id = $2`,
      [tenantId, memberId],
    );
    return row && balancesOf(row);
  }

  /** Applies a movement: the cached balances and its postings, in one statement. */
  async apply(
    m: Transaction,
    tenantId: string,
    memberId: string,
    movement: Movement,
    reference: string,
  ): Promise<void> {
    await m.query(
      `WITH balances AS (
         UPDATE wallet SET available_centavos = $7, reserved_centavos = $8, updated_at = now()
          WHERE tenant_id = $1 AND member_id = $9)
       INSERT INTO ledger_entry (tenant_id, movement_id, kind, reference, account, amount_centavos)
       SELECT $1, $2, $3, $4, * FROM unnest($5::text[], $6::bigint[])`,
      [
        tenantId,
        randomUUID(),
        movement.kind,
        reference,
        movement.postings.map((p) => p.account),
        movement.postings.map((p) => p.amountCentavos),
        movement.balances.availableCentavos,
        movement.balances.reservedCentavos,
        memberId,
      ],
    );
  }

  /** With `lock`, call it after locking the wallet: wallet → reservation is the one lock order. */
  async reservation(
    m: Transaction,
    tenantId: string,
    reservationId: string,
    lock = true,
  ): Promise<Reservation | undefined> {
    const [row] = await m.query<
      { reservation_id: string; member_id: string | null; amount_centavos: string; state: ReservationState }[]
    >(
      `SELECT reservation_id, member_id, amount_centavos, state FROM credit_reservation
        WHERE tenant_id = $1 AND reservation_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [tenantId, reservationId],
    );
    return (
      row && {
        reservationId: row.reservation_id,
        memberId: row.member_id,
        amountCentavos: centavosFromSql(row.amount_centavos, 'credit_reservation.amount_centavos'),
        state: row.state,
      }
    );
  }

  /** The reservation with its wallet, locked in the one order every use case follows: wallet first. */
  async lockReservation(
    m: Transaction,
    tenantId: string,
    reservationId: string,
  ): Promise<LockedReservation | undefined> {
    const peek = await this.reservation(m, tenantId, reservationId, false);
    if (!peek?.memberId) return peek && { ...peek, balances: { availableCentavos: 0, reservedCentavos: 0 } };
    const balances = await this.lock(m, tenantId, peek.memberId);
    const r = await this.reservation(m, tenantId, reservationId);
    return r && { ...r, balances };
  }

  /** Inserts the reservation; false when its id is already taken (a concurrent duplicate). */
  async insertReservation(m: Transaction, tenantId: string, r: Reservation): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO credit_reservation (tenant_id, reservation_id, member_id, amount_centavos, state)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING reservation_id`,
      [tenantId, r.reservationId, r.memberId, r.amountCentavos, r.state],
    );
    return rows.length === 1;
  }

  async settleReservation(
    m: Transaction,
    tenantId: string,
    r: { reservationId: string; memberId: string },
    state: 'COMMITTED' | 'RELEASED',
    movement: Movement,
  ): Promise<void> {
    await m.query(
      `UPDATE credit_reservation SET state = $3, updated_at = now() WHERE tenant_id = $1 AND reservation_id = $2`,
      [tenantId, r.reservationId, state],
    );
    await this.apply(m, tenantId, r.memberId, movement, `reservation:${r.reservationId}`);
  }

  async recordConsumption(m: Transaction, tenantId: string, s: ConsumptionSettlement): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO consumption_settlement (tenant_id, session_id, member_id, outcome, consumption_centavos,
         charged_centavos, unpaid_centavos, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING session_id`,
      [
        tenantId,
        s.sessionId,
        s.memberId,
        s.outcome,
        s.consumptionCentavos,
        s.chargedCentavos,
        s.unpaidCentavos,
        s.reason,
      ],
    );
    return rows.length === 1;
  }

  async ledger(m: Transaction, tenantId: string, memberId: string, limit: number): Promise<LedgerLine[]> {
    const rows = await m.query<
      {
        movement_id: string;
        kind: string;
        reference: string;
        account: string;
        amount_centavos: string;
        created_at: Date;
      }[]
    >(
      `SELECT movement_id, kind, reference, account, amount_centavos, created_at FROM ledger_entry
        WHERE tenant_id = $1 AND account LIKE $2 ORDER BY id DESC LIMIT $3`,
      [tenantId, `member:${memberId.replace(/[%_\\]/g, '\\$&')}:%`, limit],
    );
    return rows.map((r) => ({
      movementId: r.movement_id,
      kind: r.kind,
      reference: r.reference,
      account: r.account,
      amountCentavos: centavosFromSql(r.amount_centavos, 'ledger_entry.amount_centavos'),
      createdAt: r.created_at.toISOString(),
    }));
  }
}

const balancesOf = (row: { available: string; reserved: string }): WalletBalances => ({
  availableCentavos: centavosFromSql(row.available, 'wallet.available_centavos'),
  reservedCentavos: centavosFromSql(row.reserved, 'wallet.reserved_centavos'),
});
