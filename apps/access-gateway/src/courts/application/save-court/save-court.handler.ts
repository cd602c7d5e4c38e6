import { Inject, Injectable } from '@nestjs/common';
import type { Court } from '../../domain/court';
import { COURTS_REPOSITORY, type CourtsRepository } from '../ports/courts.repository.port';

/** Staff add a court or change its name and session price; check-ins started later pay the new price. */
@Injectable()
export class SaveCourtHandler {
  constructor(@Inject(COURTS_REPOSITORY) private readonly courts: CourtsRepository) {}

  execute(tenantId: string, court: Court): Promise<Court> {
    return this.courts.save(tenantId, court);
  }
}
