import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Movement, WalletBalances } from '../domain/wallet.ledger';

export type ReservationState = 'RESERVED' | 'COMMITTED' | 'RELEASED';

export interface Reservation {
  reservationId: string;
  memberId: string | null;
  amountCentavos: number;
  state: ReservationState;
}

export interface LedgerLine {
  movementId: string;
  kind: string;
  reference: string;
  account: string;
  amountCentavos: number;
  createdAt: string;
}

/** Every read and write of wallets, the ledger and reservations; always inside the caller's transaction. */
export class WalletRepository {
  /** The wallet row, created empty on first use and locked until the transaction ends. */
  async lock(m: EntityManager, tenantId: string, memberId: string): Promise<WalletBalances> {
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
    return { availableCentavos: Number(row.available), reservedCentavos: Number(row.reserved) };
  }

  async find(m: EntityManager, tenantId: string, memberId: string): Promise<WalletBalances | undefined> {
    const [row] = await m.query<{ available: string; reserved: string }[]>(
      `SELECT available_centavos AS available, reserved_centavos AS reserved
         FROM wallet WHERE tenant_id = $1 AND member_id = $2`,
      [tenantId, memberId],
    );
    return row && { availableCentavos: Number(row.available), reservedCentavos: Number(row.reserved) };
  }

  /** Applies a movement: the cached balances and its postings, in one statement. */
  async apply(
    m: EntityManager,
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
    m: EntityManager,
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
        amountCentavos: Number(row.amount_centavos),
        state: row.state,
      }
    );
  }

  /** Inserts the reservation; false when its id is already taken (a concurrent duplicate). */
  async insertReservation(m: EntityManager, tenantId: string, r: Reservation): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO credit_reservation (tenant_id, reservation_id, member_id, amount_centavos, state)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING reservation_id`,
      [tenantId, r.reservationId, r.memberId, r.amountCentavos, r.state],
    );
    return rows.length === 1;
  }

  async setReservationState(
    m: EntityManager,
    tenantId: string,
    reservationId: string,
    state: ReservationState,
  ): Promise<void> {
    await m.query(
      `UPDATE credit_reservation SET state = $3, updated_at = now() WHERE tenant_id = $1 AND reservation_id = $2`,
      [tenantId, reservationId, state],
    );
  }

  async ledger(m: EntityManager, tenantId: string, memberId: string, limit = 100): Promise<LedgerLine[]> {
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
      amountCentavos: Number(r.amount_centavos),
      createdAt: r.created_at.toISOString(),
    }));
  }
}
