import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '@sportclub/service-kit';
import { isoUtc } from '@sportclub/service-kit';
import type { RfidCard } from '../domain/rfid-card';
import type { RfidCardsRepository } from '../application/ports/rfid-cards.repository.port';

const COLUMNS = `card_id AS "cardId", member_id AS "memberId", active, ${isoUtc('updated_at')} AS "updatedAt"`;

/** The `rfid_card` table. */
@Injectable()
export class PgRfidCardsRepository implements RfidCardsRepository {
  constructor(private readonly db: DataSource) {}

  async find(tenantId: string, cardId: string, tx?: Transaction): Promise<RfidCard | undefined> {
    const [card] = await (tx ?? this.db.manager).query<RfidCard[]>(
      `SELECT ${COLUMNS} FROM rfid_card WHERE tenant_id = $1 AND card_id = $2`,
      [tenantId, cardId],
    );
    return card;
  }

  list(tenantId: string, memberId: string | null): Promise<RfidCard[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM rfid_card WHERE tenant_id = $1 AND ($2::text IS NULL OR member_id = $2)
        ORDER BY card_id LIMIT 1000`,
      [tenantId, memberId],
    );
  }

  async save(tenantId: string, c: { cardId: string; memberId: string; active: boolean }): Promise<RfidCard> {
    const [saved] = await this.db.query<RfidCard[]>(
      `INSERT INTO rfid_card (tenant_id, card_id, member_id, active) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, card_id) DO UPDATE SET member_id = $3, active = $4, updated_at = now()
       RETURNING ${COLUMNS}`,
      [tenantId, c.cardId, c.memberId, c.active],
    );
    return saved;
  }

  async remove(tenantId: string, cardId: string): Promise<boolean> {
    const [, deleted] = await this.db.query<[unknown[], number]>(
      'DELETE FROM rfid_card WHERE tenant_id = $1 AND card_id = $2',
      [tenantId, cardId],
    );
    return deleted > 0;
  }
}
