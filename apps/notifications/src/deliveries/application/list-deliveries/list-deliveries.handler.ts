import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import {
  DELIVERIES_REPOSITORY,
  type DeliveriesQuery,
  type DeliveriesRepositoryPort,
  type DeliveryView,
} from '../ports/deliveries.repository.port';

/** A page of the club's deliveries, newest first (only the tenant's: another club's are never seen). */
@Injectable()
export class ListDeliveriesHandler {
  constructor(@Inject(DELIVERIES_REPOSITORY) private readonly deliveries: DeliveriesRepositoryPort) {}

  execute(tx: Transaction, tenantId: string, q: DeliveriesQuery): Promise<DeliveryView[]> {
    return this.deliveries.list(tx, tenantId, q);
  }
}
