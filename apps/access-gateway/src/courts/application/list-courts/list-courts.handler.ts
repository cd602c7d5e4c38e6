import { Inject, Injectable } from '@nestjs/common';
import type { Court } from '../../domain/court';
import { COURTS_REPOSITORY, type CourtsRepository } from '../ports/courts.repository.port';

@Injectable()
export class ListCourtsHandler {
  constructor(@Inject(COURTS_REPOSITORY) private readonly courts: CourtsRepository) {}

  execute(tenantId: string): Promise<Court[]> {
    return this.courts.list(tenantId);
  }
}
