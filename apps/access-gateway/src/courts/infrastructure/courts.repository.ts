import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '@sportclub/service-kit';
import type { Court } from '../domain/court';
import type { CourtsRepository } from '../application/ports/courts.repository.port';

const COLUMNS = `court_id AS "courtId", name, price_centavos AS "priceCentavos"`;

/** The `court` table; every statement is scoped by tenant. */
@Injectable()
export class PgCourtsRepository implements CourtsRepository {
  constructor(private readonly db: DataSource) {}

  async find(tenantId: string, courtId: string, tx?: Transaction): Promise<Court | undefined> {
    const [court] = await (tx ?? this.db.manager).query<Court[]>(
      `SELECT ${COLUMNS} FROM court WHERE tenant_id = $1 AND court_id = $2`,
      [tenantId, courtId],
    );
    return court;
  }

  list(tenantId: string): Promise<Court[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM court WHERE tenant_id = $1 ORDER BY court_id`, [tenantId]);
  }

  async save(tenantId: string, c: Court): Promise<Court> {
    await this.db.query(
      `INSERT INTO court (tenant_id, court_id, name, price_centavos) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, court_id) DO UPDATE SET name = $3, price_centavos = $4, updated_at = now()`,
      [tenantId, c.courtId, c.name, c.priceCentavos],
    );
    return c;
  }
}
