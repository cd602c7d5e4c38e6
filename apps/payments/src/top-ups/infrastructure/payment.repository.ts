import { Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { centavosFromSql } from '../../shared/infrastructure/sql-centavos';
import type { SavedMethod } from '../application/ports/payment-gateway.port';
import type { PaymentRepositoryPort } from '../application/ports/payment.repository.port';
import type { Payment, Provider } from '../domain/payment';
import type { PaymentStatus } from '../domain/payment-status';

const COLUMNS = `tenant_id AS "tenantId", payment_id AS "paymentId", member_id AS "memberId",
  amount_centavos AS "amountCentavos", provider, method, status, provider_ref AS "providerRef",
  reason, pix, refunded_centavos AS "refundedCentavos", correlation_id AS "correlationId",
  late_reply AS "lateReply", provider_call AS "providerCall",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** A payment row as node-postgres returns it: bigint columns as text. */
type PaymentRow = Omit<Payment, 'amountCentavos' | 'refundedCentavos'> & {
  amountCentavos: string;
  refundedCentavos: string;
};

const paymentOf = (row: PaymentRow): Payment => ({
  ...row,
  amountCentavos: centavosFromSql(row.amountCentavos, 'payment.amount_centavos'),
  refundedCentavos: centavosFromSql(row.refundedCentavos, 'payment.refunded_centavos'),
});

/** Payments and saved methods in SQL; every write runs in the caller's transaction. */
@Injectable()
export class PaymentRepository implements PaymentRepositoryPort {
  /** Serialises everything about one payment id (two commands for it, or a command and a webhook). */
  async lockId(m: Transaction, tenantId: string, paymentId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `payment:${tenantId}:${paymentId}`,
    ]);
  }

  async find(
    m: Transaction,
    tenantId: string,
    paymentId: string,
    lock = false,
  ): Promise<Payment | undefined> {
    const rows: PaymentRow[] = await m.query(
      `SELECT ${COLUMNS} FROM payment WHERE tenant_id = $1 AND payment_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [tenantId, paymentId],
    );
    return rows[0] && paymentOf(rows[0]);
  }

  async findByProviderRef(
    m: Transaction,
    provider: Provider,
    providerRef: string,
    lock = true,
  ): Promise<Payment | undefined> {
    const rows: PaymentRow[] = await m.query(
      `SELECT ${COLUMNS} FROM payment WHERE provider = $1 AND provider_ref = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [provider, providerRef],
    );
    return rows[0] && paymentOf(rows[0]);
  }

  async insert(m: Transaction, p: Omit<Payment, 'createdAt' | 'updatedAt'>): Promise<void> {
    await m.query(
      `INSERT INTO payment (tenant_id, payment_id, member_id, amount_centavos, provider, method, status,
         provider_ref, reason, pix, refunded_centavos, correlation_id, late_reply, provider_call)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        p.tenantId,
        p.paymentId,
        p.memberId,
        p.amountCentavos,
        p.provider,
        p.method,
        p.status,
        p.providerRef,
        p.reason,
        p.pix && JSON.stringify(p.pix),
        p.refundedCentavos,
        p.correlationId,
        p.lateReply && JSON.stringify(p.lateReply),
        p.providerCall && JSON.stringify(p.providerCall),
      ],
    );
  }

  async recordAnswer(
    m: Transaction,
    p: Pick<Payment, 'tenantId' | 'paymentId' | 'providerRef' | 'pix' | 'lateReply'>,
  ): Promise<void> {
    await m.query(
      `UPDATE payment SET provider_ref = $3, pix = $4, late_reply = $5, provider_call = NULL, updated_at = now()
       WHERE tenant_id = $1 AND payment_id = $2`,
      [
        p.tenantId,
        p.paymentId,
        p.providerRef,
        p.pix && JSON.stringify(p.pix),
        p.lateReply && JSON.stringify(p.lateReply),
      ],
    );
  }

  async update(
    m: Transaction,
    p: Pick<Payment, 'tenantId' | 'paymentId'>,
    next: { status: PaymentStatus; refundedCentavos: number; reason: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE payment SET status = $3, refunded_centavos = $4, reason = $5, updated_at = now()
       WHERE tenant_id = $1 AND payment_id = $2`,
      [p.tenantId, p.paymentId, next.status, next.refundedCentavos, next.reason],
    );
  }

  async savedMethod(
    m: Transaction,
    tenantId: string,
    memberId: string,
    provider: Provider,
  ): Promise<SavedMethod | undefined> {
    const rows: (SavedMethod & { createdAt: Date })[] = await m.query(
      `SELECT method_id AS "methodId", customer_ref AS "customerRef", brand, last4, created_at AS "createdAt"
       FROM payment_method WHERE tenant_id = $1 AND member_id = $2 AND provider = $3`,
      [tenantId, memberId, provider],
    );
    return rows[0];
  }

  async saveMethod(m: Transaction, tenantId: string, memberId: string, provider: Provider, s: SavedMethod) {
    await m.query(
      `INSERT INTO payment_method (tenant_id, member_id, provider, method_id, customer_ref, brand, last4)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, member_id, provider) DO UPDATE SET method_id = $4, customer_ref = $5,
         brand = $6, last4 = $7, created_at = now()`,
      [tenantId, memberId, provider, s.methodId, s.customerRef ?? null, s.brand ?? null, s.last4 ?? null],
    );
  }
}
