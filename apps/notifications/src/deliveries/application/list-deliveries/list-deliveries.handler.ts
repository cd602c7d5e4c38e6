import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import {
  DELIVERIES_REPOSITORY,
  type DeliveriesPage,
  type DeliveriesQuery,
  type DeliveriesRepositoryPort,
} from '../ports/deliveries.repository.port';

/**
 * A page of the club's deliveries, newest first (only the tenant's: another club's are never seen), with
 * the cursor of the next page when this one is full.
 */
@Injectable()
export class ListDeliveriesHandler {
  constructor(@Inject(DELIVERIES_REPOSITORY) private readonly deliveries: DeliveriesRepositoryPort) {}

  execute(tx: Transaction, tenantId: string, q: DeliveriesQuery): Promise<DeliveriesPage> {
    return this.deliveries.list(tx, tenantId, q);
  }
}
