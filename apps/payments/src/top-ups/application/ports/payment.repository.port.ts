import type { Transaction } from '@sportclub/service-kit';
import type { Payment, Provider } from '../../domain/payment';
import type { PaymentStatus } from '../../domain/payment-status';
import type { SavedMethod } from './payment-gateway.port';

/** Payments and the members' saved cards; every call runs in the caller's transaction. */
export interface PaymentRepositoryPort {
  /** Serialises everything about one payment id (two commands for it, or a command and a webhook). */
  lockId(tx: Transaction, tenantId: string, paymentId: string): Promise<void>;
  find(tx: Transaction, tenantId: string, paymentId: string): Promise<Payment | undefined>;
  /** With `lock` (the default) the row stays locked until the transaction ends. */
  findByProviderRef(
    tx: Transaction,
    provider: Provider,
    providerRef: string,
    lock?: boolean,
  ): Promise<Payment | undefined>;
  insert(tx: Transaction, p: Omit<Payment, 'createdAt' | 'updatedAt'>): Promise<void>;
  /** Records the provider's answer to the payment's call: its reference and Pix, and the call cleared. */
  recordAnswer(
    tx: Transaction,
    p: Pick<Payment, 'tenantId' | 'paymentId' | 'providerRef' | 'pix' | 'lateReply'>,
  ): Promise<void>;
  update(
    tx: Transaction,
    p: Pick<Payment, 'tenantId' | 'paymentId'>,
    next: { status: PaymentStatus; refundedCentavos: number; reason: string | null },
  ): Promise<void>;
  savedMethod(
    tx: Transaction,
    tenantId: string,
    memberId: string,
    provider: Provider,
  ): Promise<SavedMethod | undefined>;
  saveMethod(
    tx: Transaction,
    tenantId: string,
    memberId: string,
    provider: Provider,
    s: SavedMethod,
  ): Promise<void>;
}

export const PAYMENT_REPOSITORY = Symbol('PAYMENT_REPOSITORY');
