import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { CourtNotFoundError, type Court } from '../../domain/court';
import { COURTS_REPOSITORY, type CourtsRepository } from '../ports/courts.repository.port';

/** One court of the caller's club; another club's court is not found. */
@Injectable()
export class GetCourtHandler {
  constructor(@Inject(COURTS_REPOSITORY) private readonly courts: CourtsRepository) {}

  async execute(tenantId: string, courtId: string, tx?: Transaction): Promise<Court> {
    const court = await this.courts.find(tenantId, courtId, tx);
    if (!court) throw new CourtNotFoundError();
    return court;
  }
}
