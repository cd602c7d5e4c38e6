import type { Court } from '../../domain/court';

/** The club's courts; every call is scoped to one tenant. */
export interface CourtsRepository {
  find(tenantId: string, courtId: string): Promise<Court | undefined>;
  list(tenantId: string): Promise<Court[]>;
  save(tenantId: string, court: Court): Promise<Court>;
}

export const COURTS_REPOSITORY = Symbol('COURTS_REPOSITORY');
