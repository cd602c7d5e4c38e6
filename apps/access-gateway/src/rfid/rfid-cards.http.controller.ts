import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { AuthGuard, CurrentPrincipal, Roles } from '../auth/auth.guard';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';

/** Card UIDs as readers send them (hexadecimal), kept upper-case so any reader's spelling matches. */
export const cardIdSchema = z
  .string()
  .regex(/^[0-9A-Fa-f]{8,32}$/, 'a hexadecimal card UID (8–32 digits)')
  .transform((uid) => uid.toUpperCase());
const memberIdSchema = z.string().regex(/^[\x21-\x7e]{1,100}$/, '1–100 visible characters');
const cardSchema = z.object({ memberId: memberIdSchema, active: z.boolean().default(true) }).strict();

export interface RfidCard {
  cardId: string;
  memberId: string;
  active: boolean;
  updatedAt: string;
}

const COLUMNS = `card_id AS "cardId", member_id AS "memberId", active, updated_at AS "updatedAt"`;

/** The club's RFID cards, kept by staff; a scan of a card opens the court for its member. */
@ApiTags('rfid-cards')
@ApiBearerAuth()
@Controller('v1/rfid-cards')
@UseGuards(AuthGuard, RateLimitGuard)
@Roles('staff', 'admin')
@ApiResponse({ status: 403, description: 'staff or admin only' })
export class RfidCardsHttpController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @ApiQuery({ name: 'memberId', required: false })
  list(@CurrentPrincipal() p: Principal, @Query('memberId') memberId?: string): Promise<RfidCard[]> {
    const member =
      memberId === undefined
        ? null
        : parseOrBadRequest(memberIdSchema, memberId, 'invalid_query', 'memberId');
    return this.db.query(
      `SELECT ${COLUMNS} FROM rfid_card WHERE tenant_id = $1 AND ($2::text IS NULL OR member_id = $2)
        ORDER BY card_id LIMIT 1000`,
      [p.tenantId, member],
    );
  }

  @Put(':cardId')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['memberId'],
      properties: { memberId: { type: 'string' }, active: { type: 'boolean', default: true } },
    },
  })
  @ApiResponse({ status: 400, description: 'invalid card UID or body (problems[] name the fields)' })
  async put(
    @CurrentPrincipal() p: Principal,
    @Param('cardId') rawCardId: string,
    @Body() body: unknown,
  ): Promise<RfidCard> {
    const cardId = parseOrBadRequest(cardIdSchema, rawCardId, 'invalid_card', 'cardId');
    const card = parseOrBadRequest(cardSchema, body ?? {}, 'invalid_card');
    const [saved] = await this.db.query<RfidCard[]>(
      `INSERT INTO rfid_card (tenant_id, card_id, member_id, active) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, card_id) DO UPDATE SET member_id = $3, active = $4, updated_at = now()
       RETURNING ${COLUMNS}`,
      [p.tenantId, cardId, card.memberId, card.active],
    );
    return saved;
  }

  @Delete(':cardId')
  @HttpCode(204)
  @ApiResponse({ status: 404, description: 'no such card in this club' })
  async remove(@CurrentPrincipal() p: Principal, @Param('cardId') rawCardId: string): Promise<void> {
    const cardId = parseOrBadRequest(cardIdSchema, rawCardId, 'invalid_card', 'cardId');
    const [, deleted] = await this.db.query<[unknown[], number]>(
      'DELETE FROM rfid_card WHERE tenant_id = $1 AND card_id = $2',
      [p.tenantId, cardId],
    );
    if (deleted === 0) throw new NotFoundException({ error: 'card_not_found', field: 'cardId' });
  }
}
