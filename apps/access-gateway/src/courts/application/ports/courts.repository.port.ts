import type { Transaction } from '@sportclub/service-kit';
import type { Court } from '../../domain/court';

/** The club's courts; every call is scoped to one tenant. */
export interface CourtsRepository {
  /** Inside `tx` when given (a caller already holding a transaction must not wait for a second connection). */
  find(tenantId: string, courtId: string, tx?: Transaction): Promise<Court | undefined>;
  list(tenantId: string): Promise<Court[]>;
  save(tenantId: string, court: Court): Promise<Court>;
}

export const COURTS_REPOSITORY = Symbol('COURTS_REPOSITORY');
